//! Tiller, the in-cluster server of Helm v2, as `helm init` deploys it: the image
//! `.../tiller:<version>` in a pod labelled `app: helm` and `name: tiller`, behind the Service
//! `tiller-deploy`.

use super::images::container_image;
use crate::model::kubernetes::{Container, PodSpecView};
use crate::syntax::yaml::NodeRef;

/// Why a container is taken for Tiller: its image, or the labels `helm init` gives its pod.
pub enum TillerSign<'a> {
    Image(NodeRef<'a>),
    Labels(NodeRef<'a>),
}

impl<'a> TillerSign<'a> {
    pub fn node(&self) -> NodeRef<'a> {
        match self {
            TillerSign::Image(n) | TillerSign::Labels(n) => *n,
        }
    }
}

pub fn tiller<'a>(pod: &PodSpecView<'a>, c: &Container<'a>) -> Option<TillerSign<'a>> {
    if let Some(img) = container_image(c).filter(|i| i.image.name() == "tiller") {
        return Some(TillerSign::Image(img.node));
    }
    let label = |key: &str| pod.labels().find(|(k, _)| *k == key).map(|(_, v)| v);
    let is = |n: Option<NodeRef<'a>>, want: &str| n.filter(|v| v.str() == Some(want));
    // A pod that has both labels runs Tiller whatever the image is called (a mirror, a fork).
    match (is(label("app"), "helm"), is(label("name"), "tiller")) {
        (Some(_), Some(name)) => Some(TillerSign::Labels(name)),
        _ => None,
    }
}
