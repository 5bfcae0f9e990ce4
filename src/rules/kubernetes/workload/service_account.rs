//! How a pod names its service account, shared by the service-account rules.

use crate::model::kubernetes::PodSpecView;
use crate::syntax::yaml::NodeRef;

/// The `(key, value)` naming the pod's service account: `serviceAccountName`, else the deprecated
/// `serviceAccount` the API server still copies into it; `None` when neither is set, which means
/// the namespace's `default` account.
pub fn account<'a>(pod: &PodSpecView<'a>) -> Option<(NodeRef<'a>, NodeRef<'a>)> {
    pod.field("serviceAccountName").or_else(|| pod.field("serviceAccount"))
}

/// `automountServiceAccountToken: false` on the pod: no token is mounted whatever the account.
pub fn token_disabled(pod: &PodSpecView<'_>) -> bool {
    pod.field("automountServiceAccountToken").and_then(|(_, v)| v.as_bool()) == Some(false)
}
