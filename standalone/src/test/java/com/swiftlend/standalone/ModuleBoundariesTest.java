package com.swiftlend.standalone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of docs/architecture.md, checked on the compiled product (this module's
 * classpath holds every module): a forbidden dependency fails the build instead of waiting for a
 * reviewer to notice it.
 */
class ModuleBoundariesTest {

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.swiftlend");
    }

    @Test
    void workflowsDependOnTheTemporalSdkOnly_neverOnEffects() {
        noClasses().that().resideInAPackage("com.swiftlend.workflows..")
                .should().dependOnClassesThat().resideInAnyPackage("com.swiftlend.activities..",
                        "com.swiftlend.records..", "jakarta.persistence..", "org.hibernate..", "org.springframework..",
                        "java.net.http..", "java.sql..", "javax.sql..")
                .because("workflow code must replay deterministically for years: no database, HTTP or Spring")
                .check(product);
    }

    @Test
    void theApiNeverReachesActivityImplementations() {
        noClasses().that().resideInAPackage("com.swiftlend.api..")
                .should().dependOnClassesThat().resideInAPackage("com.swiftlend.activities..")
                .because("every effect goes through a workflow, with its retries and its audit trail")
                .check(product);
    }

    @Test
    void theDecisionRulesKnowNothingOfTemporal() {
        noClasses().that().resideInAPackage("com.swiftlend.rules..")
                .should().dependOnClassesThat().resideInAPackage("io.temporal..")
                .check(product);
    }

    @Test
    void theSimulatorsAreReachedOverHttpOnly() {
        noClasses().that().resideOutsideOfPackages("com.swiftlend.simulators..", "com.swiftlend.standalone..")
                .should().dependOnClassesThat().resideInAPackage("com.swiftlend.simulators..")
                .because("nothing in the product may know it talks to a simulator")
                .check(product);
    }

    @Test
    void reconciliationReadsOnlyTheLoanRecords() {
        noClasses().that().resideInAPackage("com.swiftlend.reconciliation..")
                .should().dependOnClassesThat().resideInAnyPackage("com.swiftlend.activities..",
                        "com.swiftlend.api..", "com.swiftlend.workers..", "com.swiftlend.workflows..",
                        "com.swiftlend.rules..", "com.swiftlend.simulators..")
                .check(product);
    }
}
