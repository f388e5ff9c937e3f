//! What the server's integration tests share.

#![allow(dead_code, unreachable_pub)]

pub mod client;
pub mod python;
pub mod server;
