//! The parsed roadmap files of one folder, so that a file that has not
//! changed is not parsed again. One cache file per roadmap folder: an index
//! (file name, stamp, roadmap id, where its roadmap is) and then the roadmaps
//! in the binary form of `codec`, each read only when a command needs it.
//!
//! A file counts as unchanged when its stamp (size, modification and change
//! times in nanoseconds, inode and device) is the one recorded, the way git's
//! index and make decide it. A file changed twice within one clock tick could
//! keep its stamp, so a file modified less than a second before it is cached
//! is not cached ("racily clean" in git's words); it is parsed until it is older.

use std::collections::HashMap;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::codec::{Damaged, Decoded, Reader, Writer};
use crate::roadmap::{Origin, Roadmap};

const KIND: &str = "roadmaps";

/// What identifies one version of a file on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified_ns: i64,
    changed_ns: i64,
    inode: u64,
    device: u64,
}

impl Stamp {
    #[cfg(unix)]
    pub fn of(metadata: &Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        Stamp {
            len: metadata.len(),
            modified_ns: metadata.mtime().saturating_mul(1_000_000_000) + metadata.mtime_nsec(),
            changed_ns: metadata.ctime().saturating_mul(1_000_000_000) + metadata.ctime_nsec(),
            inode: metadata.ino(),
            device: metadata.dev(),
        }
    }

    #[cfg(not(unix))]
    pub fn of(metadata: &Metadata) -> Stamp {
        let modified_ns = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
        Stamp {
            len: metadata.len(),
            modified_ns,
            changed_ns: modified_ns,
            inode: 0,
            device: 0,
        }
    }

    /// Whether the file was modified long enough ago that a later change must change the stamp.
    fn settled(&self, now: SystemTime) -> bool {
        let settled_before = now
            .checked_sub(Duration::from_secs(1))
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
        self.modified_ns < settled_before
    }

    fn write(&self, w: &mut Writer) {
        w.u64(self.len);
        w.i64(self.modified_ns);
        w.i64(self.changed_ns);
        w.u64(self.inode);
        w.u64(self.device);
    }

    fn read(r: &mut Reader<'_>) -> Decoded<Stamp> {
        Ok(Stamp {
            len: r.u64()?,
            modified_ns: r.i64()?,
            changed_ns: r.i64()?,
            inode: r.u64()?,
            device: r.u64()?,
        })
    }
}

/// One cached roadmap file.
#[derive(Debug, Clone)]
pub struct Entry {
    stamp: Stamp,
    pub id: String,
    /// Where its roadmap is, from the start of the roadmaps part.
    offset: u64,
    len: u64,
    checksum: u128,
}

/// The cache of one roadmap folder, as found on disk (possibly empty).
pub struct FolderCache {
    path: Option<PathBuf>,
    file: Option<File>,
    entries: HashMap<String, Entry>,
    roadmaps_at: u64,
}

impl FolderCache {
    /// The cache of `folder`; empty when there is none or it cannot be used.
    pub fn open(folder: &Path) -> FolderCache {
        let path = super::file_for(KIND, folder);
        let mut cache = FolderCache {
            path: path.clone(),
            file: None,
            entries: HashMap::new(),
            roadmaps_at: 0,
        };
        if let Some((file, entries, roadmaps_at)) = path.and_then(|p| read_index(&p).ok()) {
            cache.file = Some(file);
            cache.entries = entries;
            cache.roadmaps_at = roadmaps_at;
        }
        cache
    }

    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// The entry of file `name`, if it is cached with this stamp.
    pub fn lookup(&self, name: &str, stamp: &Stamp) -> Option<&Entry> {
        self.entries.get(name).filter(|e| e.stamp == *stamp)
    }

    /// The bytes of a cached roadmap, checked against their checksum.
    pub fn bytes(&self, entry: &Entry) -> Option<Vec<u8>> {
        let file = self.file.as_ref()?;
        let mut bytes = vec![0; usize::try_from(entry.len).ok()?];
        read_at(file, &mut bytes, self.roadmaps_at + entry.offset).ok()?;
        (super::hash(&bytes) == entry.checksum).then_some(bytes)
    }

    /// Replaces the cache with these files. Files modified in the last second are left out.
    pub fn store(&self, files: Vec<Stored>) {
        let Some(path) = &self.path else { return };
        let now = SystemTime::now();
        let files: Vec<Stored> = files.into_iter().filter(|f| f.stamp.settled(now)).collect();
        let mut index = Writer::default();
        index.len(files.len());
        let mut offset = 0;
        for f in &files {
            index.str(&f.name);
            f.stamp.write(&mut index);
            index.str(&f.id);
            index.u64(offset);
            index.u64(f.bytes.len() as u64);
            index.u128(super::hash(&f.bytes));
            offset += f.bytes.len() as u64;
        }
        let mut content = super::header(KIND);
        content.extend_from_slice(&(index.bytes.len() as u64).to_le_bytes());
        content.extend_from_slice(&index.bytes);
        for f in &files {
            content.extend_from_slice(&f.bytes);
        }
        super::store(path, &content);
    }
}

/// A roadmap file to cache: its name in the folder, its stamp, and its roadmap encoded.
pub struct Stored {
    pub name: String,
    pub stamp: Stamp,
    pub id: String,
    pub bytes: Vec<u8>,
}

impl Stored {
    /// `None` when the roadmap cannot be cached (its text is over 4 GiB).
    pub fn new(name: String, stamp: Stamp, roadmap: &Roadmap) -> Option<Stored> {
        let mut w = Writer::default();
        super::codec::write_roadmap(&mut w, roadmap);
        Some(Stored {
            name,
            stamp,
            id: roadmap.id.to_string(),
            bytes: w.framed()?,
        })
    }
}

/// Decodes cached roadmap bytes.
pub fn decode(bytes: &[u8], origin: Origin) -> Option<Roadmap> {
    let mut r = Reader::framed(bytes).ok()?;
    let roadmap = super::codec::read_roadmap(&mut r, origin).ok()?;
    r.is_empty().then_some(roadmap)
}

type Index = (File, HashMap<String, Entry>, u64);

fn read_index(path: &Path) -> Result<Index, Damaged> {
    let mut file = File::open(path).map_err(|_| Damaged)?;
    let header = super::header(KIND);
    let mut start = vec![0; header.len() + 8];
    file.read_exact(&mut start).map_err(|_| Damaged)?;
    if start[..header.len()] != header[..] {
        return Err(Damaged);
    }
    let index_len = u64::from_le_bytes(start[header.len()..].try_into().map_err(|_| Damaged)?);
    let mut index = vec![0; usize::try_from(index_len).map_err(|_| Damaged)?];
    file.read_exact(&mut index).map_err(|_| Damaged)?;
    let mut r = Reader::new(&index);
    let count = r.len()?;
    let mut entries = HashMap::with_capacity(count.min(index.len()));
    for _ in 0..count {
        let name = r.string()?;
        let stamp = Stamp::read(&mut r)?;
        let id = r.string()?;
        let entry = Entry {
            stamp,
            id,
            offset: r.u64()?,
            len: r.u64()?,
            checksum: r.u128()?,
        };
        entries.insert(name, entry);
    }
    Ok((file, entries, start.len() as u64 + index_len))
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(not(unix))]
fn read_at(mut file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::io::Seek;
    file.seek(std::io::SeekFrom::Start(offset))?;
    file.read_exact(buf)
}
