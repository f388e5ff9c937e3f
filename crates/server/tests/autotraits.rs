//! The handles a server shares between its request tasks are `Send + Sync`; the values it
//! moves between them are `Send`. A change that loses this fails to compile here.

use bucket_versioning_server::journal::{Journal, JournalError, Position, Recovered, Ticket};
use bucket_versioning_server::store::{
    ByteStore, Digests, Fingerprint, NewPiece, PieceWriter, Rope, RopeReader, StoreError,
};

fn shared<T: Send + Sync>() {}
fn moved<T: Send>() {}

#[test]
fn handles_are_send_and_sync() {
    shared::<Journal>();
    shared::<ByteStore>();
    shared::<Rope>();
    shared::<NewPiece>();
    shared::<Fingerprint>();
    shared::<Digests>();
    shared::<Position>();
    shared::<Ticket>();
    moved::<PieceWriter>();
    moved::<RopeReader>();
    moved::<Recovered>();
    shared::<JournalError>();
    shared::<StoreError>();
}
