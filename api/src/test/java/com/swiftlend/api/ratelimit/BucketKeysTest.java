package com.swiftlend.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BucketKeysTest {

    @Test
    void givenIdentifier_whenNamingItsBucket_itHoldsTheDimensionAndNoIdentifierInTheClear() {
        String key = BucketKeys.of(RateLimitDimension.BORROWER, "11010519491231002X");

        assertThat(key).matches("rate:borrower:[0-9a-f]{64}").doesNotContain("11010519491231002");
    }

    @Test
    void givenIdNumberWithLowerCaseCheckCharacter_whenNamingItsBucket_itIsTheSameBorrower() {
        assertThat(BucketKeys.of(RateLimitDimension.BORROWER, "11010519491231002x"))
                .isEqualTo(BucketKeys.of(RateLimitDimension.BORROWER, "11010519491231002X"));
    }

    @Test
    void givenSameValueInTwoDimensions_whenNamingBuckets_itKeepsThemApart() {
        assertThat(BucketKeys.of(RateLimitDimension.DEVICE, "x"))
                .isNotEqualTo(BucketKeys.of(RateLimitDimension.CLIENT_IP, "x"));
    }

    @Test
    void givenTwoIpv6AddressesOfOneSubscriber_whenNamingTheClient_itIsTheSame64Prefix() {
        assertThat(BucketKeys.client("2001:db8:1:2:aaaa::1")).isEqualTo(BucketKeys.client("2001:db8:1:2::beef"))
                .isEqualTo("20010db800010002::/64");
        assertThat(BucketKeys.client("2001:db8:1:3::1")).isNotEqualTo(BucketKeys.client("2001:db8:1:2::1"));
    }

    @Test
    void givenIpv4OrIpv4MappedAddress_whenNamingTheClient_itIsTheIpv4Address() {
        assertThat(BucketKeys.client("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(BucketKeys.client("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
