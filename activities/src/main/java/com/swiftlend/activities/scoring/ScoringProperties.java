package com.swiftlend.activities.scoring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/** Which PMML model scores applicants. */
@ConfigurationProperties("swiftlend.scoring")
public record ScoringProperties(@DefaultValue("classpath:models/credit-risk-placeholder.pmml") Resource model) {
}
