//! K8S703: an object uses an API version the target Kubernetes release no longer serves.

use super::api_versions::{self, Stage};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct RemovedApiVersion;

impl Rule for RemovedApiVersion {
    fn code(&self) -> &'static str {
        "K8S703"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        api_versions::check(cx, object, Stage::Removed);
    }
}
