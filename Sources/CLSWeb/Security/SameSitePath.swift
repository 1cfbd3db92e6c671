/// A path of this site that is safe to redirect to, or to offer as a link back.
///
/// Browsers are lenient with `Location`: they drop tabs and line breaks inside a URL and read
/// `\` as `/`, so `/\t/evil.example` or `/\evil.example` become `//evil.example`, another host.
/// Only a path that starts with one `/`, followed by anything but `/` or `\`, and that holds no
/// control character, space or backslash at all is accepted.
enum SameSitePath {
    static func validated(_ candidate: String?) -> String? {
        guard let candidate, candidate.utf8.first == UInt8(ascii: "/"), candidate.utf8.count <= 2_048 else { return nil }
        let forbidden = candidate.unicodeScalars.contains { scalar in
            scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\\" || scalar.properties.isWhitespace
                || (0x80...0x9F).contains(scalar.value) || scalar.properties.generalCategory == .format
        }
        guard !forbidden else { return nil }
        let second = candidate.dropFirst().first
        guard second != "/" else { return nil }
        return candidate
    }

    /// The validated path, or the home page.
    static func orHome(_ candidate: String?) -> String { validated(candidate) ?? "/" }
}
