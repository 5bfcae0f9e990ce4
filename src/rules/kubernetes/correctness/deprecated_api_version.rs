//! K8S704: an object uses an API version deprecated in the target Kubernetes release but still
//! served.

use super::api_versions::{self, Stage};
use crate::model::kubernetes::Object;
use crate::rules::{Context, Rule};

pub struct DeprecatedApiVersion;

impl Rule for DeprecatedApiVersion {
    fn code(&self) -> &'static str {
        "K8S704"
    }

    fn kubernetes(&self, cx: &mut Context<'_>, object: &Object<'_>) {
        api_versions::check(cx, object, Stage::Deprecated);
    }
}
