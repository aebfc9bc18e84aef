//! The annotation document. (Being written.)
#![allow(missing_docs)]
pub struct Document;
pub enum Action {}
pub struct Annotation;
pub enum Status {}
