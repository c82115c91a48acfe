package com.swiftlend.simulators;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Every simulator bean carries this, because the module is picked up by component scanning in the
 * all-in-one app: API and worker processes must be able to switch all of it off with one property.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(prefix = "swiftlend.simulators", name = "enabled", havingValue = "true", matchIfMissing = true)
public @interface ConditionalOnSimulatorsEnabled {
}
