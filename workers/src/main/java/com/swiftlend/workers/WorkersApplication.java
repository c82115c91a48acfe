package com.swiftlend.workers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The worker process of the production shape: polls the task queues its configuration names. */
@SpringBootApplication(scanBasePackages = "com.swiftlend")
public class WorkersApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkersApplication.class, args);
    }
}
