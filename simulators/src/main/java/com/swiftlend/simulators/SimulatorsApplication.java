package com.swiftlend.simulators;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Runs the simulated outside parties as their own process, the shape production-like deployments use.
 * The listening port comes from the environment (SERVER_PORT), never from this module.
 */
@SpringBootApplication(scanBasePackages = "com.swiftlend.simulators")
public class SimulatorsApplication {

    public static void main(String[] args) {
        SpringApplication.run(SimulatorsApplication.class, args);
    }
}
