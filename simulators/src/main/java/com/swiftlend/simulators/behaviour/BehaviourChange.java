package com.swiftlend.simulators.behaviour;

/** Boxed so that a missing field is rejected rather than silently read as zero. */
record BehaviourChange(Integer latencyMinMs, Integer latencyMaxMs, Double failureRate) {
}
