package com.retailer.bluegreen.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.retailer.bluegreen.errors.BlueGreenException;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture, as rules over every module's main classes (tests excluded): which module may use which (no
 * module uses one above it), where Spark, Delta and Hadoop may appear (only where data moves or a port is adapted),
 * and that the release core and the command line are plain Java. A rule broken by a change fails here, naming the
 * class and the dependency.
 */
class ArchitectureTest {
    private static final String[] SPARK = {"org.apache.spark..", "io.delta..", "org.apache.hadoop..", "scala.."};
    private static JavaClasses imported;

    @BeforeAll
    static void importMainClasses() {
        imported = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.retailer.bluegreen");
    }

    /** Each module uses only the modules below it (its pom's dependencies), never one above. */
    @Test
    void no_module_depends_on_a_module_above_it() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("errors").definedBy("com.retailer.bluegreen.errors..")
                .layer("checkpoint-layout").definedBy("com.retailer.bluegreen.layout..")
                .layer("conf").definedBy("com.retailer.bluegreen.config..")
                .layer("storage").definedBy("com.retailer.bluegreen.storage..")
                .layer("ingest").definedBy("com.retailer.bluegreen.ingest..")
                .layer("transforms").definedBy("com.retailer.bluegreen.transforms..")
                .layer("publish").definedBy("com.retailer.bluegreen.publish..")
                .layer("gates").definedBy("com.retailer.bluegreen.gates..")
                .layer("job").definedBy("com.retailer.bluegreen.job..")
                .layer("local-runtime").definedBy("com.retailer.bluegreen.local..")
                .layer("test-support").definedBy("com.retailer.bluegreen.testsupport..")
                .layer("demo").definedBy("com.retailer.bluegreen.demo..")
                .layer("databricks").definedBy("com.retailer.bluegreen.databricks..")
                .whereLayer("errors").mayNotAccessAnyLayer()
                .whereLayer("storage").mayOnlyAccessLayers("checkpoint-layout")
                .whereLayer("checkpoint-layout").mayOnlyAccessLayers("errors")
                .whereLayer("conf").mayOnlyAccessLayers("errors", "checkpoint-layout")
                .whereLayer("ingest").mayOnlyAccessLayers("errors", "checkpoint-layout", "conf", "storage")
                .whereLayer("transforms").mayOnlyAccessLayers("errors", "checkpoint-layout", "conf", "storage",
                        "ingest")
                .whereLayer("publish").mayOnlyAccessLayers("errors", "checkpoint-layout", "storage")
                .whereLayer("gates").mayOnlyAccessLayers("errors", "checkpoint-layout", "conf", "ingest", "publish")
                .whereLayer("job").mayOnlyAccessLayers("errors", "checkpoint-layout", "conf", "storage", "ingest",
                        "transforms", "publish", "gates")
                .whereLayer("local-runtime").mayOnlyAccessLayers("errors", "checkpoint-layout", "conf", "ingest",
                        "publish")
                .whereLayer("test-support").mayOnlyAccessLayers("errors", "checkpoint-layout", "conf", "storage",
                        "ingest", "transforms", "local-runtime")
                .whereLayer("databricks").mayOnlyAccessLayers("errors", "checkpoint-layout", "publish")
                .whereLayer("demo").mayOnlyAccessLayers("errors", "checkpoint-layout", "conf", "storage", "ingest",
                        "transforms", "publish", "gates", "job", "local-runtime", "test-support");
        rule.check(imported);
    }

    /** Names, configuration, errors, the wire format and the gate decisions decide things: no Spark, Delta, Hadoop. */
    @Test
    void modules_that_only_decide_use_no_spark_delta_or_hadoop() {
        noClasses().that().resideInAnyPackage("com.retailer.bluegreen.errors..", "com.retailer.bluegreen.layout..",
                        "com.retailer.bluegreen.config..")
                .or().resideInAPackage("com.retailer.bluegreen.ingest")
                .or().resideInAPackage("com.retailer.bluegreen.gates")
                .should().dependOnClassesThat().resideInAnyPackage(SPARK)
                .because("Spark, Delta and Hadoop belong where data moves (ingest.bronze, transforms, the job) or"
                        + " in the adapters of ports (publish.spark, gates.spark, storage)")
                .check(imported);
    }

    /**
     * The release core and the release state machine are plain Java: Spark and Delta only behind their ports, in
     * publish.spark.
     */
    @Test
    void the_release_core_imports_no_spark() {
        noClasses().that().resideInAnyPackage("com.retailer.bluegreen.publish", "com.retailer.bluegreen.publish.release")
                .should().dependOnClassesThat().resideInAnyPackage(SPARK)
                .because("release logic is unit-tested in milliseconds on in-memory ports")
                .check(imported);
    }

    /** The command line parses, dispatches and renders in plain Java; the commands call the libraries. */
    @Test
    void the_command_line_parses_dispatches_and_renders_without_spark() {
        noClasses().that().resideInAPackage("com.retailer.bluegreen.job")
                .and().haveSimpleNameStartingWith("Main").or().haveSimpleName("Arguments").or()
                .haveSimpleName("Renderer").or().haveSimpleName("CommandResult").or().haveSimpleName("Command")
                .or().haveSimpleName("Released").or().haveSimpleName("Planned").or().haveSimpleName("ReleaseInputs")
                .should().dependOnClassesThat().resideInAnyPackage(SPARK)
                .check(imported);
    }

    /**
     * Delta through its public APIs only ({@code io.delta.tables}, {@code io.delta.exceptions}, SQL): Databricks
     * Runtime ships Delta under other internal packages, so a class of {@code org.apache.spark.sql.delta} in code
     * that runs there fails on the first call. The one exception left, {@code CloneGuard} (a clone's deletion
     * vector files, which no public API lists), is tracked by issue 11; the local stand-ins are never deployed.
     */
    @Test
    void deployed_code_uses_no_open_source_only_delta_internals() {
        noClasses().that().resideInAPackage("com.retailer.bluegreen..")
                .and().resideOutsideOfPackages("com.retailer.bluegreen.local..", "com.retailer.bluegreen.testsupport..",
                        "com.retailer.bluegreen.demo..")
                .and().doNotHaveFullyQualifiedName("com.retailer.bluegreen.job.CloneGuard")
                .should().dependOnClassesThat().resideInAPackage("org.apache.spark.sql.delta..")
                .because("Databricks Runtime has io.delta.tables and io.delta.exceptions, not open-source Delta's"
                        + " internal classes")
                .check(imported);
    }

    /**
     * Checkpoints, Delta logs read without Spark, owner markers, the bootstrap's cut, lease and done files, heartbeats
     * and the reference inbox live where the tables do ({@code s3a://}, {@code abfss://}, {@code /Volumes}): deployed
     * code reaches them through the {@code Storage} port (Hadoop's FileSystem in the jobs), never {@code java.nio}'s
     * {@code Files}, which sees only the driver's local disk. The exceptions read the driver's own files: the
     * configuration and the consumer contract, which the job is started with; and the port's local implementation.
     */
    @Test
    void deployed_code_reaches_pipeline_files_through_the_storage_port() {
        noClasses().that().resideInAPackage("com.retailer.bluegreen..")
                .and().resideOutsideOfPackages("com.retailer.bluegreen.local..", "com.retailer.bluegreen.testsupport..",
                        "com.retailer.bluegreen.demo..")
                .and().doNotHaveFullyQualifiedName("com.retailer.bluegreen.layout.LocalStorage")
                .and().doNotHaveFullyQualifiedName("com.retailer.bluegreen.config.ConfigLoader")
                .and().doNotHaveFullyQualifiedName("com.retailer.bluegreen.publish.ContractFile")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.nio.file.Files")
                .because("java.nio reaches the driver's local disk only; on Databricks the pipeline's files are in"
                        + " cloud storage")
                .check(imported);
    }

    /** Every error raised on purpose carries its code: each public exception type of main code is one of ours. */
    @Test
    void every_public_exception_type_carries_an_error_code() {
        classes().that().resideInAPackage("com.retailer.bluegreen..").and().areAssignableTo(Throwable.class)
                .and().arePublic().and().areNotAssignableTo(IllegalArgumentException.class)
                .should().beAssignableTo(BlueGreenException.class)
                .because("an error an operator sees says what to do and carries the ErrorCode its command exits"
                        + " with; an IllegalArgumentException is a plain-Java API's argument error (a layout component,"
                        + " a schema the registry refuses), which the boundary calling it reports (the config loader"
                        + " as a configuration error)")
                .check(imported);
    }
}
