package io.transmog.bench.data;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

/** Fixed value pools: realistic text, some of it non-ASCII, pre-encoded once so that generation stays fast. */
final class Pools {
  private Pools() {}

  static SerializableString[] encoded(String... values) {
    SerializableString[] out = new SerializableString[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = new SerializedString(values[i]);
    }
    return out;
  }

  /** First names; {@link #FIRST_ASCII} holds the e-mail spelling of each. */
  static final String[] FIRST = {
    "Anna", "José", "Zoë", "Łukasz", "Søren", "Chloé", "Müge", "Björn", "François", "Ines", "Mohammed", "Olga",
    "Дмитрий", "Αλέξανδρος", "太郎", "Mei", "Priya", "Raúl", "Siobhán", "Tomás", "Yuki", "Ömer", "Ana", "Ben",
    "Carla", "David", "Emma", "Felix", "Grace", "Hugo", "Ida", "Jonas", "Kira", "Lena", "Marco", "Nora"
  };
  static final String[] FIRST_ASCII = {
    "anna", "jose", "zoe", "lukasz", "soren", "chloe", "muge", "bjorn", "francois", "ines", "mohammed", "olga",
    "dmitry", "alexandros", "taro", "mei", "priya", "raul", "siobhan", "tomas", "yuki", "omer", "ana", "ben",
    "carla", "david", "emma", "felix", "grace", "hugo", "ida", "jonas", "kira", "lena", "marco", "nora"
  };
  static final String[] LAST = {
    "Müller", "García", "Nowak", "Jensen", "Dubois", "Yılmaz", "Andersson", "Rossi", "O'Brien", "Kowalski",
    "Иванов", "Παπαδόπουλος", "山田", "Chen", "Sharma", "Fernández", "Smith", "Johnson", "Brown", "Schmidt",
    "Novák", "Horváth", "Silva", "Costa", "Lefèvre", "Weiß", "Nguyen", "Kim", "Larsen", "Virtanen"
  };
  static final String[] LAST_ASCII = {
    "muller", "garcia", "nowak", "jensen", "dubois", "yilmaz", "andersson", "rossi", "obrien", "kowalski",
    "ivanov", "papadopoulos", "yamada", "chen", "sharma", "fernandez", "smith", "johnson", "brown", "schmidt",
    "novak", "horvath", "silva", "costa", "lefevre", "weiss", "nguyen", "kim", "larsen", "virtanen"
  };
  static final String[] DOMAINS = {"example.com", "mail.example.org", "post.example.net", "example.de", "corp.example"};
  static final String[] STREETS = {
    "Main Street", "Hauptstraße", "Rue de la Paix", "Calle Mayor", "Via Roma", "Oak Avenue", "Station Road",
    "Kungsgatan", "ul. Marszałkowska", "Elm Street", "Bahnhofstrasse", "High Street", "Avenida Paulista", "Maple Lane"
  };
  /** City, zip pattern length, country: parallel arrays. */
  static final SerializableString[] CITIES = encoded(
      "Berlin", "München", "Zürich", "Paris", "Lyon", "Madrid", "Sevilla", "Roma", "Kraków", "Stockholm", "London",
      "New York", "São Paulo", "Tōkyō", "København", "Praha");
  static final int[] ZIP_DIGITS = {5, 5, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 8, 7, 4, 5};
  static final SerializableString[] COUNTRIES = encoded(
      "DE", "DE", "CH", "FR", "FR", "ES", "ES", "IT", "PL", "SE", "GB", "US", "BR", "JP", "DK", "CZ");
  static final SerializableString[] STATUS = encoded(
      "pending", "paid", "paid", "shipped", "shipped", "shipped", "delivered", "delivered", "delivered", "delivered",
      "cancelled", "returned");
  static final SerializableString[] CHANNEL = encoded("web", "web", "web", "mobile", "mobile", "store", "phone");
  static final SerializableString[] CURRENCY = encoded("EUR", "EUR", "EUR", "USD", "USD", "GBP", "CHF", "JPY");
  static final SerializableString[] TIER = encoded("none", "none", "none", "silver", "silver", "gold", "platinum");
  static final SerializableString[] PRODUCTS = encoded(
      "Wireless Mouse", "Mechanical Keyboard", "USB-C Cable (2 m)", "27\" Monitor", "Noise-cancelling Headphones",
      "Espresso Beans 1 kg", "Café au lait Mug", "Trail Running Shoes", "Rain Jacket – Women's", "Yoga Mat",
      "Bluetooth Speaker", "Phone Case, clear", "Desk Lamp", "Notebook A5 / dotted", "Fountain Pen", "Backpack 30 L",
      "Water Bottle", "Smart Watch", "Board Game \"Catan\"", "LEGO Set 10300", "Olive Oil 0.75 l", "Green Tea 100 g",
      "Chef's Knife", "Cast Iron Pan", "Bike Helmet", "Sunglasses", "Wool Socks (3 pairs)", "Winter Gloves",
      "Kindle Paperwhite", "HDMI Adapter", "Portable Charger 20000 mAh", "Plant Pot Ø 20 cm");
  static final SerializableString[] CATEGORY = encoded(
      "electronics", "home", "kitchen", "sports", "fashion", "books", "toys", "grocery", "office", "garden");
  static final SerializableString[] DISCOUNT_CODES = encoded(
      "SPRING10", "WELCOME5", "VIP20", "BUNDLE15", "CLEARANCE30", "LOYALTY", "FREESHIP", "BLACKFRIDAY");
  static final SerializableString[] TAGS = encoded(
      "gift", "express", "fragile", "first-order", "b2b", "subscription", "priority", "eco", "международный", "返品可");
  static final SerializableString[] PAYMENT = encoded(
      "card", "card", "card", "card", "paypal", "paypal", "invoice", "bank_transfer", "apple_pay", "klarna");
  static final SerializableString[] NOTES = encoded(
      "Please leave the parcel with the neighbour.",
      "Ring twice, \"back door\" please",
      "Deliver after 18:00, thanks!",
      "Gift wrap, no invoice in the box",
      "Bitte nicht knicken.",
      "Line one\nline two of a multi-line note",
      "Fragile: glass, handle with care; keep upright",
      "置き配希望",
      "Call before delivery, 555-0100");
  static final SerializableString[] SHIPPING = encoded("standard", "standard", "express", "pickup", "same_day");
  static final SerializableString[] CARRIERS = encoded("DHL", "UPS", "DPD", "GLS", "La Poste", "Correos", "PostNord");
  static final SerializableString[] DESCRIPTIONS = encoded(
      "Everyday essential, ships in recyclable packaging",
      "Bestseller – rated 4.7/5 by 12,000 customers",
      "Limited edition colourway; while stocks last",
      "Refurbished, 12-month warranty included",
      "Made in Portugal from organic cotton",
      "Compatible with most USB-C devices (PD 65 W)",
      "Dishwasher-safe, BPA-free",
      "Hand-made; each piece is unique",
      "Größe/size: M – fällt klein aus",
      "Includes 2 spare parts and a carry pouch");
}
