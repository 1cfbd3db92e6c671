/// The longest text each kind of field may hold, so that no form, import or API call can store
/// a 100 KB link label or a megabyte of "name". Generous for what people write: a line for names,
/// titles and labels, an address for links, a long text (minutes included) for the rest.
public enum TextLimits {
    public static let line = 500
    public static let link = 2_048
    public static let longText = 100_000

    /// Fields that hold one line (names, titles, labels, people, places).
    static let lineFields: Set<String> = [
        "name", "title", "label", "display_name", "email", "filename", "minutes_filename", "person_name", "place",
        "call_name", "funder", "funder_name", "lead_organisation_name", "organisation_name", "representative",
        "representative_role", "territory_label", "employer", "lead_service", "elected_referent", "author", "owner",
        "source", "unit", "suggested_funder", "reporting_line", "code", "siren", "role", "scope",
    ]

    public static func limit(forField code: String) -> Int {
        if code == "url" { return link }
        return lineFields.contains(code) ? line : longText
    }

    /// The first field whose text is longer than its limit (in characters), if any.
    public static func firstExcess(in fields: [(code: String, label: String, value: String?)]) -> TextTooLong? {
        for field in fields {
            guard let value = field.value else { continue }
            let limit = limit(forField: field.code)
            // A UTF-8 byte count within the limit is a character count within it too.
            guard value.utf8.count > limit else { continue }
            let length = value.count
            if length > limit { return TextTooLong(field: field.code, label: field.label, limit: limit, length: length) }
        }
        return nil
    }
}

/// A text longer than its field allows: refused before anything is written.
public struct TextTooLong: Error, Equatable, Sendable {
    /// The field's code (its column).
    public let field: String
    public let label: String
    public let limit: Int
    public let length: Int

    public init(field: String, label: String, limit: Int, length: Int) {
        self.field = field
        self.label = label
        self.limit = limit
        self.length = length
    }

    public var message: String {
        "Le champ « \(label) » compte \(FrenchFormat.count(length, singular: "caractère", plural: "caractères")), "
            + "au-delà de la limite de \(FrenchFormat.count(limit, singular: "caractère", plural: "caractères")) : raccourcissez-le."
    }
}
