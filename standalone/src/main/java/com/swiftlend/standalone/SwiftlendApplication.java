package com.swiftlend.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The whole system in one process: API, workers, simulators and the batch job, on an embedded
 * Temporal service, PostgreSQL and Redis that {@link EmbeddedInfrastructure} starts first. The
 * other deployables' own application classes are left out of the scan so their settings do not
 * apply twice.
 */
@SpringBootApplication
@ComponentScan(basePackages = "com.swiftlend", excludeFilters = @ComponentScan.Filter(
        type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
public class SwiftlendApplication {

    public static void main(String[] args) {
        SpringApplication.run(SwiftlendApplication.class, args);
    }
}
