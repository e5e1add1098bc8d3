package dev.vecnn.nn;

import java.util.Map;

/** Typed reads from a string map of configuration values, with messages that name the key. */
public final class Metadata {
    private Metadata() {}

    public static String require(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) throw new IllegalArgumentException("configuration key '" + key + "' is missing");
        return v;
    }

    public static int requireInt(Map<String, String> m, String key) {
        String v = require(m, key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration key '" + key + "' is not a whole number: '" + v + "'");
        }
    }

    public static long requireLong(Map<String, String> m, String key) {
        String v = require(m, key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration key '" + key + "' is not a whole number: '" + v + "'");
        }
    }

    public static float requireFloat(Map<String, String> m, String key) {
        String v = require(m, key);
        try {
            return Float.parseFloat(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration key '" + key + "' is not a number: '" + v + "'");
        }
    }

    public static double requireDouble(Map<String, String> m, String key) {
        String v = require(m, key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration key '" + key + "' is not a number: '" + v + "'");
        }
    }

    public static boolean requireBoolean(Map<String, String> m, String key) {
        String v = require(m, key);
        if (v.equals("true")) return true;
        if (v.equals("false")) return false;
        throw new IllegalArgumentException("configuration key '" + key + "' is not true or false: '" + v + "'");
    }
}
