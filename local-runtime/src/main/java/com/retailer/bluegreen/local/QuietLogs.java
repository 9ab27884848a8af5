package com.retailer.bluegreen.local;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Turns the embedded broker's and the Kafka clients' INFO chatter (config dumps, every partition state change) down
 * to WARN, whichever SLF4J backend is on the classpath: Log4j 2 (what Spark brings) is set through its
 * {@code Configurator}; slf4j-simple through its per-logger system properties, which it reads when a logger is
 * created. Setting the system property {@code bluegreen.kafka.log} (e.g. {@code info}) overrides the level.
 */
public final class QuietLogs {
    private static final List<String> LOGGERS = List.of(
            "kafka", "org.apache.kafka", "state.change.logger", "org.apache.zookeeper");
    private static volatile boolean applied;

    private QuietLogs() {
    }

    public static synchronized void kafka() {
        if (applied) {
            return;
        }
        applied = true;
        String level = System.getProperty("bluegreen.kafka.log", "warn");
        for (String logger : LOGGERS) {
            if (System.getProperty("org.slf4j.simpleLogger.log." + logger) == null) {
                System.setProperty("org.slf4j.simpleLogger.log." + logger, level);
            }
        }
        setLog4j2(level);
    }

    private static void setLog4j2(String level) {
        try {
            Class<?> levelClass = Class.forName("org.apache.logging.log4j.Level");
            Object log4jLevel = levelClass.getMethod("toLevel", String.class).invoke(null, level.toUpperCase());
            Class<?> configurator = Class.forName("org.apache.logging.log4j.core.config.Configurator");
            Method setLevel = configurator.getMethod("setLevel", String.class, levelClass);
            for (String logger : LOGGERS) {
                setLevel.invoke(null, logger, log4jLevel);
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            // Log4j 2 core is not on the classpath: nothing to configure there.
        }
    }
}
