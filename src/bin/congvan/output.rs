//! Writing outputs so that nothing is lost or overwritten: temporary files
//! with unpredictable names created exclusively (never through a planted
//! symbolic link), synced and renamed over the target; one lock per output;
//! clean-up that removes only the temporary files of runs that are dead.

use std::ffi::OsStr;
use std::fs::{self, File, Permissions};
use std::io::{self, Read, Seek, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// Marker in the names of temporary output files:
/// `.<name>.congvan-tmp-<pid>-<random>`.
pub(crate) const TEMP_MARK: &str = ".congvan-tmp";

/// A temporary file in `dir` for `target_name`, created with `O_EXCL` under
/// a random name (so a symbolic link planted at a guessed name is never
/// followed), readable like a file made by `File::create`. Removed when
/// dropped unless persisted.
pub(crate) fn temp_in(dir: &Path, target_name: &OsStr) -> io::Result<NamedTempFile> {
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(target_name);
    prefix.push(format!("{TEMP_MARK}-{}-", std::process::id()));
    tempfile::Builder::new()
        .prefix(&prefix)
        .rand_bytes(10)
        .permissions(Permissions::from_mode(0o666))
        .tempfile_in(dir)
}

/// Writes `bytes` to `target` through a temporary file in the same folder,
/// synced before the rename: `target` is either its old self or whole.
pub(crate) fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(target, |w| w.write_all(bytes)).map(|_| ())
}

/// Like [`write_atomic`], with the bytes written by `fill` (through a
/// buffer): returns how many were written.
pub(crate) fn write_atomic_with(
    target: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<u64> {
    let dir = parent(target);
    create_dir_durable(dir)?;
    let name = target.file_name().unwrap_or(OsStr::new("output"));
    let mut temp = temp_in(dir, name)?;
    let mut buffered = io::BufWriter::new(&mut temp);
    fill(&mut buffered)?;
    buffered.flush()?;
    drop(buffered);
    let size = temp.as_file().metadata()?.len();
    commit(temp, target)?;
    Ok(size)
}

/// Syncs a finished temporary file and renames it over `target`, which
/// keeps its permissions, then syncs the folder, so that the rename itself
/// survives a power cut (the file's data alone would not be found under
/// its name); on error before the rename the temporary file is removed and
/// `target` is untouched.
pub(crate) fn commit(temp: NamedTempFile, target: &Path) -> io::Result<()> {
    if let Ok(previous) = fs::symlink_metadata(target) {
        if previous.is_file() {
            temp.as_file().set_permissions(previous.permissions())?;
        }
    }
    temp.as_file().sync_all()?;
    temp.persist(target).map_err(|e| e.error)?;
    sync_dir(parent(target)).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("renamed into place, but its folder could not be synced: {e}"),
        )
    })
}

/// Creates folder `dir` and any missing parent, each synced into its own
/// parent (a file renamed into a new folder is found after a power cut only
/// if the folder is).
pub(crate) fn create_dir_durable(dir: &Path) -> io::Result<()> {
    let mut missing = Vec::new();
    let mut at = dir;
    while fs::symlink_metadata(at).is_err() {
        missing.push(at);
        match at.parent() {
            Some(up) if !up.as_os_str().is_empty() => at = up,
            _ => break,
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    fs::create_dir_all(dir)?;
    for created in missing.iter().rev() {
        sync_dir(parent(created))?;
    }
    Ok(())
}

/// Syncs folder `dir`: its entries (a file renamed into it) are on disk
/// when this returns. A file system that cannot sync a folder (`EINVAL`)
/// has nothing more to give, and is not an error. A no-op where folders
/// cannot be opened as files (not Unix).
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    if !cfg!(unix) {
        return Ok(());
    }
    match File::open(dir).and_then(|d| d.sync_all()) {
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
            ) =>
        {
            Ok(())
        }
        done => done,
    }
}

/// The folder a file is in (`.` for a bare name).
pub(crate) fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Creates and removes a file in `dir` (exclusively, under a random name).
pub(crate) fn probe_writable(dir: &Path) -> io::Result<()> {
    temp_in(dir, OsStr::new("probe"))?.close()
}

/// An advisory lock held for the whole run; released when dropped (or when
/// the process dies, however it dies).
#[derive(Debug)]
pub(crate) struct Lock {
    _file: File,
}

/// Takes the lock `path` (created if needed, never through a symbolic link)
/// without waiting. The error says which output is locked and, when it can,
/// by which process.
pub(crate) fn lock(path: &Path, what: &str) -> Result<Lock, String> {
    let mut file = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o666)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .map_err(|e| {
            format!(
                "cannot create the lock file of {what} ({}): {e}",
                path.display()
            )
        })?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            let by = if !holder.is_empty() && holder.bytes().all(|b| b.is_ascii_digit()) {
                format!(" by process {holder}")
            } else {
                String::new()
            };
            return Err(format!(
                "{what} is locked{by}: another congvan run is writing it (lock file {})",
                path.display()
            ));
        }
        Err(fs::TryLockError::Error(e)) => {
            return Err(format!("cannot lock {what} ({}): {e}", path.display()))
        }
    }
    // Who holds it, for the message of a run that finds it locked.
    let _ = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| writeln!(file, "{}", std::process::id()));
    Ok(Lock { _file: file })
}

/// Removes the temporary files left in `dir` (recursively, not through
/// symbolic links) by runs that are dead: a regular file with our marker
/// whose process id is not running. Others' live files, and anything that is
/// not a regular file, are left alone.
pub(crate) fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            remove_stale_temps(&path);
        } else if kind.is_file() {
            remove_stale_temp(&path);
        }
    }
}

/// Removes the regular file `path` if it is a temporary file of a dead run.
pub(crate) fn remove_stale_temp(path: &Path) {
    let dead = path
        .file_name()
        .and_then(temp_owner)
        .is_some_and(|pid| !alive(pid));
    if dead && fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        let _ = fs::remove_file(path);
    }
}

/// The process id in one of our temporary file names.
pub(crate) fn temp_owner(name: &OsStr) -> Option<u32> {
    let name = name.to_str()?;
    if !name.starts_with('.') {
        return None;
    }
    let at = name.rfind(TEMP_MARK)?;
    let rest = name[at + TEMP_MARK.len()..].strip_prefix('-')?;
    let digits = rest.split('-').next()?;
    digits.parse().ok()
}

/// Whether process `pid` is running. Without `/proc` nothing can be known:
/// every process counts as alive, so nothing is removed.
fn alive(pid: u32) -> bool {
    pid == std::process::id()
        || !Path::new("/proc/self").exists()
        || Path::new(&format!("/proc/{pid}")).exists()
}

/// Whether an error means the output device is full (or a size or quota
/// limit is reached: ENOSPC, EDQUOT, EFBIG): every later write would fail
/// too. By kind, which survives the path that `tempfile` wraps around it.
pub(crate) fn is_out_of_space(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded | io::ErrorKind::FileTooLarge
    )
}

/// The name of the hidden file `.<name><suffix>` beside `target`.
pub(crate) fn beside(target: &Path, suffix: &str) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(target.file_name().unwrap_or(OsStr::new("output")));
    name.push(suffix);
    parent(target).join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_carry_their_owner() {
        let owner = |s: &str| temp_owner(OsStr::new(s));
        assert_eq!(owner(".a.json.congvan-tmp-4242-Xy12ab"), Some(4242));
        assert_eq!(owner(".a.json.congvan-tmp-99999"), Some(99999));
        assert_eq!(owner("a.json.congvan-tmp-1-x"), None);
        assert_eq!(owner(".a.json"), None);
        assert_eq!(owner(".a.congvan-tmp-x"), None);
    }

    #[test]
    fn out_of_space_errors() {
        assert!(is_out_of_space(&io::Error::from_raw_os_error(libc::ENOSPC)));
        assert!(is_out_of_space(&io::Error::from_raw_os_error(libc::EDQUOT)));
        assert!(is_out_of_space(&io::Error::from_raw_os_error(libc::EFBIG)));
        let wrapped = io::Error::new(
            io::Error::from_raw_os_error(libc::ENOSPC).kind(),
            "at path x",
        );
        assert!(is_out_of_space(&wrapped));
        assert!(!is_out_of_space(&io::Error::from_raw_os_error(
            libc::EACCES
        )));
    }
}
