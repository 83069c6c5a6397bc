//! The compound file an `.xls` workbook is (MS-CFB), checked before calamine
//! reads it: its sector chains are followed there without a bound, so a
//! chain that loops (as a damaged or hostile file's may) would run until
//! memory is gone. Here each chain of the file allocation table and of the
//! mini one is walked once, and a loop refuses the file.

/// The CFB signature.
const SIGNATURE: [u8; 8] = *b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// Sector numbers from here up are markers (end of chain, free, and the like).
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    bytes
        .get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Refuses a compound file whose chains loop. Anything that is not one, or
/// that calamine will refuse for another reason, passes: calamine says why.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    if bytes.len() < 512 || bytes[..8] != SIGNATURE {
        return Ok(());
    }
    let size: usize = match u16::from_le_bytes([bytes[30], bytes[31]]) {
        9 => 512,
        12 => 4096,
        _ => return Ok(()),
    };
    // Sector `id` follows the header, which takes the first sector's room.
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        bytes.get(start..start.checked_add(size)?)
    };
    let sectors = u32::try_from(bytes.len() / size).unwrap_or(u32::MAX);
    // The FAT's sectors: 109 in the header, then the DIFAT's chain, each
    // sector of it listing more and, last, the next one.
    let mut fat_sectors: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 76 + 4 * i)).collect();
    let mut next = u32_at(bytes, 68).unwrap_or(RESERVED);
    let mut seen = 0u32;
    while next < RESERVED {
        seen += 1;
        if seen > sectors {
            return Err("the file is damaged: its sector list loops".to_string());
        }
        let Some(data) = sector(next) else { break };
        let ids: Vec<u32> = (0..size / 4).filter_map(|i| u32_at(data, 4 * i)).collect();
        let Some((last, listed)) = ids.split_last() else { break };
        fat_sectors.extend_from_slice(listed);
        next = *last;
    }
    let fat: Vec<u32> = fat_sectors
        .into_iter()
        .filter(|id| *id < DIFAT_SECTOR)
        .filter_map(sector)
        .flat_map(|data| (0..size / 4).filter_map(move |i| u32_at(data, 4 * i)))
        .collect();
    acyclic(&fat, "sector")?;
    // The mini FAT is a chain of the FAT; its own chains must end too.
    let mini_start = u32_at(bytes, 60).unwrap_or(RESERVED);
    let mut mini = Vec::new();
    let mut at = mini_start;
    while at < RESERVED && (at as usize) < fat.len() {
        let Some(data) = sector(at) else { break };
        mini.extend((0..size / 4).filter_map(|i| u32_at(data, 4 * i)));
        at = fat[at as usize];
    }
    acyclic(&mini, "mini sector")
}

/// Refuses a table of next-links (`table[i]` follows `i`) with a loop.
fn acyclic(table: &[u32], what: &str) -> Result<(), String> {
    // 0: not yet walked, 1: on the walk now, 2: walked, ends.
    let mut state = vec![0u8; table.len()];
    let mut walk = Vec::new();
    for first in 0..table.len() {
        let mut at = first;
        while state[at] == 0 {
            state[at] = 1;
            walk.push(at);
            let next = table[at];
            if next >= RESERVED || next as usize >= table.len() {
                break;
            }
            at = next as usize;
            if state[at] == 1 {
                return Err(format!("the file is damaged: a chain of its {what}s loops"));
            }
        }
        for done in walk.drain(..) {
            state[done] = 2;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::acyclic;

    #[test]
    fn a_loop_anywhere_is_found_and_chains_that_end_pass() {
        const END: u32 = 0xFFFF_FFFE;
        assert!(acyclic(&[1, 2, END, END], "sector").is_ok());
        assert!(acyclic(&[1, 2, 0], "sector").is_err());
        assert!(acyclic(&[END, 2, 1], "sector").is_err());
        assert!(
            acyclic(&[3, 3, END, END], "sector").is_ok(),
            "two chains joining end once"
        );
        assert!(acyclic(&[0], "sector").is_err(), "a sector that follows itself");
    }
}
