//! Compiled rules as bytes, loaded again without reading or checking a rule file: for
//! start-up where compiling is too slow (the shipped rules built into an offline web app).
//! A snapshot is valid only for the engine version that took it; loading checks that, and
//! any bytes that do not decode are refused, never trusted.

use serde::{Deserialize, Serialize};

use crate::compile::Program;

/// Changes whenever the compiled program's layout does, within one engine version.
const FORMAT: u32 = 1;
const MAGIC: [u8; 4] = *b"HJLS";

/// Why bytes could not be loaded as compiled rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnapshotError {
    /// Not a snapshot, or one cut short or damaged.
    #[error("不是 HJL 规则快照，或快照已损坏：{0}")]
    Damaged(String),
    /// A snapshot taken by another version of the engine.
    #[error(
        "规则快照由引擎 {taken}（格式 {format}）生成，本引擎为 {this}（格式 {FORMAT}）：请用本引擎重新生成"
    )]
    Version {
        /// The version that took it.
        taken: String,
        /// Its snapshot format.
        format: u32,
        /// This engine's version.
        this: &'static str,
    },
}

#[derive(Serialize, Deserialize)]
struct Header {
    magic: [u8; 4],
    format: u32,
    engine: String,
}

/// The bytes of a compiled program and its standards' families.
pub(crate) fn write(program: &Program, families: &[Vec<usize>]) -> Vec<u8> {
    let header = Header {
        magic: MAGIC,
        format: FORMAT,
        engine: env!("CARGO_PKG_VERSION").to_owned(),
    };
    // Serializing plain data into a vector cannot fail.
    postcard::to_stdvec(&(header, program, families)).unwrap_or_default()
}

/// A compiled program and its families from [`write`]'s bytes.
pub(crate) fn read(bytes: &[u8]) -> Result<(Program, Vec<Vec<usize>>), SnapshotError> {
    let damaged = |e: postcard::Error| SnapshotError::Damaged(e.to_string());
    let (header, rest) = postcard::take_from_bytes::<Header>(bytes).map_err(damaged)?;
    if header.magic != MAGIC {
        return Err(SnapshotError::Damaged("开头的标记不对".to_owned()));
    }
    if header.format != FORMAT || header.engine != env!("CARGO_PKG_VERSION") {
        return Err(SnapshotError::Version {
            taken: header.engine,
            format: header.format,
            this: env!("CARGO_PKG_VERSION"),
        });
    }
    let (program, families, rest) = {
        let (program, rest) = postcard::take_from_bytes::<Program>(rest).map_err(damaged)?;
        let (families, rest) =
            postcard::take_from_bytes::<Vec<Vec<usize>>>(rest).map_err(damaged)?;
        (program, families, rest)
    };
    if !rest.is_empty() {
        return Err(SnapshotError::Damaged(format!(
            "结尾多出 {} 个字节",
            rest.len()
        )));
    }
    let mut program = program;
    program.restore();
    Ok((program, families))
}
