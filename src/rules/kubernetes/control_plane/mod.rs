//! Control plane: static pod flags of kube-apiserver, etcd, kube-controller-manager and
//! kube-scheduler, and KubeletConfiguration objects, against the CIS Kubernetes Benchmark.

use crate::rules::Rule;

pub static RULES: &[&dyn Rule] = &[];
