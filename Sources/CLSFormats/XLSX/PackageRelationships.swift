import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One `<Relationship>` of an Open Packaging `.rels` part.
struct PackageRelationship: Equatable {
    let id: String
    let type: String
    /// The target part's name inside the zip, resolved against the source part ("xl/worksheets/sheet1.xml").
    let targetPath: String

    /// Relationship types differ between transitional and strict OOXML only by their prefix.
    func hasType(_ suffix: String) -> Bool { type.hasSuffix("/" + suffix) }
}

enum PackageRelationships {
    /// The rels part of a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
    static func relsPath(for part: String) -> String {
        let (directory, file) = split(part)
        return directory + "_rels/" + file + ".rels"
    }

    /// Parses a rels part; external targets (hyperlinks) are dropped.
    static func parse(_ data: Data, part: String, source: String) throws -> [PackageRelationship] {
        let handler = Handler(sourceDirectory: split(source).directory)
        try SafeXML.parse(data, part: part, with: handler)
        return handler.relationships
    }

    /// Resolves a target as Open Packaging does: "/xl/x.xml" is absolute, anything else is
    /// relative to the source part's folder, with "." and ".." segments.
    static func resolve(_ target: String, from directory: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        let cleaned = decoded.replacingOccurrences(of: "\\", with: "/")
        let joined = cleaned.hasPrefix("/") ? String(cleaned.dropFirst()) : directory + cleaned
        var segments: [Substring] = []
        for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    /// "xl/workbook.xml" → ("xl/", "workbook.xml").
    static func split(_ part: String) -> (directory: String, file: String) {
        guard let slash = part.lastIndex(of: "/") else { return ("", part) }
        return (String(part[...slash]), String(part[part.index(after: slash)...]))
    }

    private final class Handler: XMLPartHandler {
        let sourceDirectory: String
        var relationships: [PackageRelationship] = []

        init(sourceDirectory: String) { self.sourceDirectory = sourceDirectory }

        override func start(_ name: Substring, attributes: [String: String]) {
            guard name == "Relationship",
                  let id = SafeXML.attribute(attributes, "Id"),
                  let type = SafeXML.attribute(attributes, "Type"),
                  let target = SafeXML.attribute(attributes, "Target"),
                  SafeXML.attribute(attributes, "TargetMode")?.lowercased() != "external" else { return }
            relationships.append(PackageRelationship(id: id, type: type, targetPath: PackageRelationships.resolve(target, from: sourceDirectory)))
        }
    }
}
