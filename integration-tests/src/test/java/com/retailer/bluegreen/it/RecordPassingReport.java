package com.retailer.bluegreen.it;

import com.retailer.bluegreen.config.ConfigLoader;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.job.PassingReports;
import com.retailer.bluegreen.job.Sessions;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.local.LocalStack;
import com.retailer.bluegreen.publish.ContractFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * In its own JVM on the shared catalog: records a passing gate report for a colour in the audit ledger, as
 * {@code validate} would, for tests of the publisher that switch between seeded tables with no pipeline to validate.
 * Arguments: the colour, the release id and the git SHA the report is for, then {@code key=value} configuration
 * overrides. Prints {@code RECORDED} when done.
 */
public final class RecordPassingReport {
    private RecordPassingReport() {
    }

    public static void main(String[] args) {
        Colour colour = Colour.parse(args[0]);
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            overrides.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        PipelineConfig config = ConfigLoader.load(LocalStack.configFile(), overrides);
        SparkSession spark = Sessions.builder(config, "record-passing-report").getOrCreate();
        PassingReports.record(spark, config, ContractFile.load(Path.of(config.publish().contract()),
                "publish.contract"), colour, args[1], args[2]);
        System.out.println("RECORDED");
        System.out.flush();
        System.exit(0);
    }
}
