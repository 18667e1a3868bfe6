//! Sources: which files a model is read from.
//!
//! Files named on the command line (or by a build script) are read whatever their extension;
//! directories are walked, in name order so the merged model is the same on every machine,
//! for the model files in them.

use std::path::{Path, PathBuf};

use crate::Error;

/// The extensions a walked directory's model files have.
const MODEL_EXTENSIONS: [&str; 2] = ["json", "smithy"];

/// Whether `path` is a Smithy IDL file (by its extension; anything else is read as JSON AST).
pub fn is_idl(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "smithy")
}

/// The model files `paths` name: files as given, directories walked.
pub fn model_files<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let meta = std::fs::metadata(path).map_err(|e| Error::Io(path.to_owned(), e))?;
        if meta.is_dir() {
            walk(path, &mut files)?;
        } else {
            files.push(path.to_owned());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), Error> {
    let io = |e| Error::Io(dir.to_owned(), e);
    let mut entries = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(io)?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, files)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| MODEL_EXTENSIONS.contains(&e))
        {
            files.push(path);
        }
    }
    Ok(())
}
