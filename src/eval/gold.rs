//! Scoring against a gold file in newsmark JSON (such as the sample's hand gold).
