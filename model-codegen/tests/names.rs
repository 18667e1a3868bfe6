//! Names built to collide where the generator used to make them up (error-enum variants,
//! `Request` variants, strategy functions, pattern statics, the inputs and outputs it makes,
//! members' default writers):
//! each gets a name of its own, or `check` refuses the model naming both shapes
//! (`fixtures/broken/emitted_names.json`, read by `broken.rs`). The conformance crate compiles
//! the accepted model (`fixtures/names/accepted.json`).

use std::path::{Path, PathBuf};

fn accepted() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/names/accepted.json")
}

fn generated() -> String {
    model_codegen::Config::new()
        .proptest_strategies(true)
        .generate_from_paths(&[accepted()])
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_error_named_like_the_catch_all_gets_a_variant_of_its_own() {
    let code = generated();
    assert!(code.contains("UnhandledValue(crate::types::error::Unhandled),"));
    assert!(code.contains("Self::UnhandledValue(_) => Some(\"Unhandled\"),"));
    assert!(code.contains("Unhandled(rt::wire::UnhandledError),"));
}

#[test]
fn shapes_named_like_strategy_functions_step_aside() {
    let code = generated();
    assert!(code.contains("pub fn by_name_value(_mode: Mode)"));
    assert!(code.contains("pub fn any_value(mode: Mode)"));
    assert!(code.contains("pub fn by_name(name: &str)"));
}

#[test]
fn pattern_statics_are_named_for_the_shapes_they_serve() {
    let code = generated();
    assert!(code.contains("pub static CODE_AND_LABEL: rt::pattern::Pattern"));
    assert!(code.contains("pub static PHASE_AND_2_OTHERS: rt::pattern::Pattern"));
    assert!(code.contains("pub static GET_REQUEST_NAME: rt::pattern::Pattern"));
    assert!(!code.contains("pub static ALL"));
}

#[test]
fn only_validators_something_calls_are_emitted() {
    let code = generated();
    // `Code` is only targeted by a member with a `@length` of its own, which is checked in
    // place of the shape's validator.
    assert!(!code.contains("pub(crate) fn code("));
    assert!(code.contains("pub(crate) fn label("));
    assert!(!code.contains("dead_code"));
}

#[test]
fn the_inputs_and_outputs_the_generator_makes_say_what_they_are() {
    let code = generated();
    assert!(code.contains("/// The input of `Put`."));
    assert!(code.contains("The model gives `Put` no input (`smithy.api#Unit`)"));
    assert!(code.contains("/// The output of `Put`."));
    assert!(code.contains("Smithy shape: `example.names#Shared`. `Put` has its own copy"));
    // `ListRequest` is `List`'s input and, copied, its output.
    assert!(code.contains("pub struct ListInput"));
    assert!(code.contains("pub struct ListOutput"));
}

#[test]
fn every_name_is_decided_once_so_the_model_checks() {
    let model = model_codegen::Model::from_paths(&[accepted()]).unwrap_or_else(|e| panic!("{e}"));
    assert!(model.check().is_ok());
}

#[test]
fn a_data_shape_named_like_an_operations_input_steps_aside_in_strategies() {
    // `GetInput` is a data shape; `Get`'s input (`GetRequest`) becomes `GetInput` in its
    // operation's module. Both strategies would be `get_input`: the input keeps it.
    let code = generated();
    assert!(code.contains(
        "pub fn get_input(mode: Mode) -> BoxedStrategy<crate::operation::get::GetInput>"
    ));
    assert!(code
        .contains("pub fn get_input_shape(mode: Mode) -> BoxedStrategy<crate::types::GetInput>"));
    assert!(code.contains("support::optional(self::get_input_shape(mode), mode)"));
}

#[test]
fn shapes_named_alike_once_in_rust_are_named_apart() {
    // `FooBar` and `Foo_Bar`, `String` and `__string`: Smithy accepts them. The name with
    // the fewest underscores keeps the item; the other steps aside, its builder and
    // validator with it.
    let code = generated();
    for item in [
        "pub struct FooBar {",
        "pub struct FooBarShape {",
        "pub struct FooBarShapeBuilder {",
        "pub(crate) fn string(value: &str",
        "pub(crate) fn string_shape(",
        "pub fn twin_underscored(&self) -> Option<&crate::types::FooBarShape>",
    ] {
        assert!(code.contains(item), "{item}");
    }
}

#[test]
fn default_writers_named_alike_are_named_apart() {
    // `FooBar.Baz` and `Foo.BarBaz` both have a `@default`, and their writers would both be
    // `serialize_foo_bar_baz` in `types`: the later one takes `_2`.
    let code = generated();
    for item in [
        "fn serialize_foo_bar_baz<S: serde::Serializer>(",
        "fn serialize_foo_bar_baz_2<S: serde::Serializer>(",
        "serialize_with = \"serialize_foo_bar_baz\"",
        "serialize_with = \"serialize_foo_bar_baz_2\"",
        "pub fn baz_or_default(&self) -> &str",
        "pub fn bar_baz_or_default(&self) -> &str",
    ] {
        assert!(code.contains(item), "{item}");
    }
}
