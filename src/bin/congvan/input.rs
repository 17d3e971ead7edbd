//! Reading an input with limits: the one way `parse`, `check` and `batch`
//! read a file or standard input.
//!
//! Every read stops one byte past the size limit, so `/dev/zero`, `yes |`
//! or a file that grows cannot exhaust memory. A path that is not a regular
//! file (a FIFO, a device, a socket) is refused before it is opened for
//! reading, and opened without blocking in case it was swapped for one, so
//! that nothing hangs; standard input (`-`) is read whatever it is.

use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// Default of `--max-size`: 64 MiB, the library's default limit.
pub(crate) const DEFAULT_MAX_SIZE: &str = "64MiB";

/// Why an input could not be read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// No such file.
    NotFound,
    /// Not allowed to read it.
    PermissionDenied,
    /// A folder.
    IsDir,
    /// A FIFO, a device or a socket: its name.
    NotRegular(&'static str),
    /// Larger than the limit; the size when known (not for a stream, which
    /// is read only one byte past the limit).
    TooLarge { size: Option<u64>, limit: usize },
    /// Anything else.
    Io(io::Error),
}

impl ReadError {
    /// Stable `snake_case` kind, as in `congvan batch --jsonl` error records.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            ReadError::NotFound => "not_found",
            ReadError::TooLarge { .. } => "too_large",
            ReadError::NotRegular(_) => "not_a_file",
            _ => "unreadable",
        }
    }

    fn from_io(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::NotFound => ReadError::NotFound,
            io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
            _ => ReadError::Io(e),
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotFound => f.write_str("no such file"),
            ReadError::PermissionDenied => f.write_str("permission denied"),
            ReadError::IsDir => f.write_str("is a directory"),
            ReadError::NotRegular(what) => write!(
                f,
                "is {what}, not a regular file (refused: reading it could block or never end; \
                 pipe it in as `-` instead)"
            ),
            ReadError::TooLarge { size, limit } => {
                let size = size.map_or(String::new(), |s| format!("{s} bytes, "));
                write!(
                    f,
                    "input is {size}over the limit of {limit} bytes (see --max-size)"
                )
            }
            ReadError::Io(e) => e.fmt(f),
        }
    }
}

/// Reads `input` (a path, or `-` for standard input), refusing more than
/// `limit` bytes and anything but a regular file (or standard input).
pub(crate) fn read_limited(input: &Path, limit: usize) -> Result<Vec<u8>, ReadError> {
    if input == Path::new("-") {
        let mut bytes = Vec::new();
        return read_capped(io::stdin().lock(), limit, &mut bytes).map(|()| bytes);
    }
    read_file(input, limit).map(|(bytes, _)| bytes)
}

/// Reads the regular file `input`, refusing more than `limit` bytes: its
/// bytes, and its metadata as found when it was opened.
pub(crate) fn read_file(input: &Path, limit: usize) -> Result<(Vec<u8>, Metadata), ReadError> {
    check_regular(&fs::metadata(input).map_err(ReadError::from_io)?)?;
    // O_NONBLOCK: should the path have become a FIFO since it was looked at,
    // opening it does not wait for a writer; on a regular file it does nothing.
    let file = File::options()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(input)
        .map_err(ReadError::from_io)?;
    let meta = file.metadata().map_err(ReadError::from_io)?;
    check_regular(&meta)?;
    if meta.len() > limit as u64 {
        return Err(ReadError::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    read_capped(file, limit, &mut bytes).map(|()| (bytes, meta))
}

/// Refuses a folder or a special file.
fn check_regular(meta: &Metadata) -> Result<(), ReadError> {
    let kind = meta.file_type();
    if kind.is_file() {
        Ok(())
    } else if kind.is_dir() {
        Err(ReadError::IsDir)
    } else if kind.is_fifo() {
        Err(ReadError::NotRegular("a FIFO (named pipe)"))
    } else if kind.is_char_device() {
        Err(ReadError::NotRegular("a character device"))
    } else if kind.is_block_device() {
        Err(ReadError::NotRegular("a block device"))
    } else if kind.is_socket() {
        Err(ReadError::NotRegular("a socket"))
    } else {
        Err(ReadError::NotRegular("not a regular file"))
    }
}

/// Reads at most `limit + 1` bytes: one more than allowed means too large.
fn read_capped(reader: impl Read, limit: usize, bytes: &mut Vec<u8>) -> Result<(), ReadError> {
    reader
        .take(limit as u64 + 1)
        .read_to_end(bytes)
        .map_err(ReadError::from_io)?;
    if bytes.len() > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    Ok(())
}

/// Parses `--max-size`: bytes, or a number with a unit `K`, `M`, `G`
/// (`KiB`, `MiB`, `GiB`: powers of 1024).
pub(crate) fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let number: usize = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size (e.g. 1000000, 512K, 64M, 1G)"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("unknown unit in `{text}`: use K, M or G")),
    };
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_with_units() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5T").is_err());
    }

    #[test]
    fn a_stream_is_cut_one_byte_past_the_limit() {
        let mut bytes = Vec::new();
        let e = read_capped(io::repeat(b'y'), 10, &mut bytes).unwrap_err();
        assert!(matches!(
            e,
            ReadError::TooLarge {
                size: None,
                limit: 10
            }
        ));
        bytes.clear();
        read_capped(&b"0123456789"[..], 10, &mut bytes).unwrap();
        assert_eq!(bytes.len(), 10);
    }
}
