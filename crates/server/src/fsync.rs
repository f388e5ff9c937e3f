//! The durable file-system steps the journal and the byte store are built from.
//!
//! A write survives a crash only when its data *and* the directory entry naming it have reached
//! the disk: `sync_data` on the file, then, after a create or a rename, `sync_all` on the
//! directory that holds it. Each helper here does one such step completely, so that callers read
//! as a sequence of durable steps.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// Makes the entries of `dir` (creations, renames, removals) durable.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Creates `dir` if it does not exist yet and makes its entry in its parent durable.
///
/// The parent must exist: a missing parent is an error, not created silently, so that a typo in
/// a data directory's path does not build a tree somewhere unexpected.
pub(crate) fn create_dir_durably(dir: &Path) -> io::Result<()> {
    match fs::create_dir(dir) {
        Ok(()) => {
            if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                sync_dir(parent)?;
            }
            Ok(())
        }
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(error) => Err(error),
    }
}

/// Writes `contents` to `dir/name` atomically: a reader (or a recovery after a crash) sees either
/// the previous file or the whole new one, never a part.
///
/// The steps: write a temporary file `dir/name.tmp`, `sync_data` it, rename it over
/// `dir/name`, sync `dir`. A crash before the rename leaves only the temporary file, which the
/// owner of the directory removes when it next opens it.
pub(crate) fn write_atomically(dir: &Path, name: &str, contents: &[u8]) -> io::Result<()> {
    let temp = dir.join(format!("{name}.tmp"));
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&temp)?;
    file.write_all(contents)?;
    file.sync_data()?;
    drop(file);
    fs::rename(&temp, dir.join(name))?;
    sync_dir(dir)
}

/// Removes `path`, treating "already gone" as done.
pub(crate) fn remove_file_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomically_replaces_the_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        write_atomically(dir.path(), "state", b"first version").expect("first write");
        write_atomically(dir.path(), "state", b"second").expect("second write");
        assert_eq!(
            fs::read(dir.path().join("state")).expect("read back"),
            b"second"
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .map(|entry| entry.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["state"]);
    }

    #[test]
    fn create_dir_durably_accepts_an_existing_directory_but_not_a_file() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let sub = dir.path().join("sub");
        create_dir_durably(&sub).expect("create");
        create_dir_durably(&sub).expect("already there is fine");
        assert!(sub.is_dir());
        let file = dir.path().join("file");
        fs::write(&file, b"x").expect("write a file");
        assert!(create_dir_durably(&file).is_err());
        assert!(create_dir_durably(&file.join("below")).is_err());
    }

    #[test]
    fn remove_file_if_present_ignores_only_absence() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("gone");
        remove_file_if_present(&path).expect("absent is fine");
        fs::write(&path, b"x").expect("write");
        remove_file_if_present(&path).expect("present is removed");
        assert!(!path.exists());
        // A directory cannot be removed as a file: that is an error, not "absent".
        assert!(remove_file_if_present(dir.path()).is_err());
    }
}
