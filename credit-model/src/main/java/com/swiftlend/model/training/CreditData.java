package com.swiftlend.model.training;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The Taiwan "default of credit card clients" data (data/taiwan-default, provenance beside it), as
 * the model sees it: the features the flow can supply from a bureau report and the ID number, by
 * name, and the label. Sex and marital status are in the file and deliberately not features
 * (fair lending); education is not either, because no part of the flow can supply it.
 */
public final class CreditData {

  /** The model's inputs, in the order of the matrix columns: names are the PMML field names. */
  public static final List<String> FEATURES = List.of("limit_bal", "age",
      "pay_0", "pay_2", "pay_3", "pay_4", "pay_5", "pay_6",
      "bill_amt1", "bill_amt2", "bill_amt3", "bill_amt4", "bill_amt5", "bill_amt6",
      "pay_amt1", "pay_amt2", "pay_amt3", "pay_amt4", "pay_amt5", "pay_amt6");

  /** The columns of the file (ID, X1..X23, Y) each feature comes from. */
  private static final int[] SOURCE = {1, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23};
  /** Sex (X2) and marital status (X4): read only to measure what leaving them out costs. */
  static final List<String> PROTECTED = List.of("sex", "marriage");
  private static final int[] PROTECTED_SOURCE = {2, 4};
  private static final int LABEL = 24;

  /** One client: the row id, the features, the protected attributes, and whether they defaulted. */
  public record Client(int id, float[] features, float[] protectedAttributes, boolean defaulted) {
  }

  /** The seed of the split every model version is trained, validated and tested on. */
  public static final long SPLIT_SEED = 20_261_203L;

  /** The data set as packaged with this module: what runs without the source tree reads. */
  public static final String BUNDLED = "credit-data/taiwan-default/UCI_Credit_Card.csv";

  /** The stratified split: defaulters and the others each shuffled with the seed, then cut 60/20/20. */
  public record Split(List<Client> train, List<Client> validation, List<Client> test) {
  }

  private CreditData() {
  }

  public static List<Client> read(Path csv, int limit) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.US_ASCII)) {
      return read(reader, limit, csv.toString());
    }
  }

  private static List<Client> read(BufferedReader reader, int limit, String source) throws IOException {
    List<Client> clients = new ArrayList<>();
    {
      String header = reader.readLine();
      if (header == null || !header.startsWith("ID,X1,")) {
        throw new IOException(source + " is not the UCI credit-card file (header " + header + ")");
      }
      for (String line = reader.readLine(); line != null && clients.size() < limit; line = reader.readLine()) {
        String[] cells = line.split(",");
        float[] features = new float[SOURCE.length];
        for (int i = 0; i < SOURCE.length; i++) {
          features[i] = Float.parseFloat(cells[SOURCE[i]]);
        }
        float[] protectedAttributes = new float[PROTECTED_SOURCE.length];
        for (int i = 0; i < PROTECTED_SOURCE.length; i++) {
          protectedAttributes[i] = Float.parseFloat(cells[PROTECTED_SOURCE[i]]);
        }
        clients.add(new Client(Integer.parseInt(cells[0]), features, protectedAttributes, "1".equals(cells[LABEL])));
      }
    }
    return clients;
  }

  /** The packaged data set's clients. */
  public static List<Client> readBundled() throws IOException {
    java.io.InputStream in = CreditData.class.getClassLoader().getResourceAsStream(BUNDLED);
    if (in == null) {
      throw new IOException(BUNDLED + " is not on the classpath");
    }
    try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.US_ASCII))) {
      return read(reader, Integer.MAX_VALUE, BUNDLED);
    }
  }

  public static Split split(List<Client> clients, long seed) {
    List<Client> train = new ArrayList<>();
    List<Client> validation = new ArrayList<>();
    List<Client> test = new ArrayList<>();
    for (boolean defaulted : new boolean[] {true, false}) {
      List<Client> stratum = new ArrayList<>(clients.stream().filter(c -> c.defaulted() == defaulted).toList());
      Collections.shuffle(stratum, new Random(seed));
      int trainEnd = (int) Math.round(stratum.size() * 0.6);
      int validationEnd = (int) Math.round(stratum.size() * 0.8);
      train.addAll(stratum.subList(0, trainEnd));
      validation.addAll(stratum.subList(trainEnd, validationEnd));
      test.addAll(stratum.subList(validationEnd, stratum.size()));
    }
    // Keep each part in file order, so the split does not depend on the order strata were cut in.
    for (List<Client> part : List.of(train, validation, test)) {
      part.sort(java.util.Comparator.comparingInt(Client::id));
    }
    return new Split(train, validation, test);
  }
}
