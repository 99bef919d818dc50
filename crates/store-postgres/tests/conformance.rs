//! The store interface's conformance suite ([`afterlift_store::conformance`]) on PostgreSQL: each test
//! on a fresh database of its own on the test server ([`afterlift_store_postgres::testing`]).

afterlift_store::conformance_tests!(async {
    let url = afterlift_store_postgres::testing::fresh_database().await;
    let store = afterlift_store_postgres::open(&url).await.unwrap();
    ((), store)
});
