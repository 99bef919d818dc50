//! Personal experiments: the strategies an athlete can compare on their own data ([`strategy`]).

pub mod strategy;
