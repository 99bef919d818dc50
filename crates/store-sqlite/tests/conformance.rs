//! The store interface's conformance suite ([`afterlift_store::conformance`]) on SQLite: each test on a
//! fresh log file in a folder of its own.

afterlift_store::conformance_tests!(async {
    let dir = tempfile::tempdir().unwrap();
    let store = afterlift_store_sqlite::open(dir.path().join("nested/dir/afterlift.db"))
        .await
        .unwrap();
    (dir, store)
});
