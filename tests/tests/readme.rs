//! The README's first two commands are what CI runs, word for word.

use conformance::workspace_root;

fn read(relative: &str) -> String {
    std::fs::read_to_string(workspace_root().join(relative))
        .unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// The commands of the README's first `sh` block.
fn first_commands() -> Vec<String> {
    let readme = read("README.md");
    let block = readme
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap_or_default();
    block
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_owned())
        .collect()
}

#[test]
fn the_readme_starts_with_the_main_job_and_the_test_command() {
    let commands = first_commands();
    assert_eq!(commands.len(), 2, "{commands:?}");
    assert!(commands[0].starts_with("cargo run -p cloudhsm-model --features cli -- validate"));
    assert_eq!(commands[1], "cargo test --workspace --all-features");
}

#[test]
fn ci_runs_the_readme_commands_verbatim() {
    let ci = read(".ci/run");
    for command in first_commands() {
        assert!(
            ci.lines().any(|line| line.trim() == command),
            "`{command}` is not a line of .ci/run"
        );
    }
}

#[test]
fn the_readme_example_file_exists() {
    let commands = first_commands();
    let file = commands[0].split_whitespace().last().unwrap_or_default();
    assert!(workspace_root().join(file).is_file(), "{file}");
}
