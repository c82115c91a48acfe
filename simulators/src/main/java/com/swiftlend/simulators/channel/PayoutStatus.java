package com.swiftlend.simulators.channel;

enum PayoutStatus {
    SUCCEEDED,
    DECLINED
}
