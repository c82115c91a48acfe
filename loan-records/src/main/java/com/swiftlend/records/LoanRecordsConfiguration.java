package com.swiftlend.records;

import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** Lets every process that puts this module on its classpath find the loan database's mappings. */
@Configuration(proxyBeanMethods = false)
@EntityScan(basePackageClasses = LoanRecordsConfiguration.class)
@EnableJpaRepositories(basePackageClasses = LoanRecordsConfiguration.class)
public class LoanRecordsConfiguration {
}
