import Foundation
import Vapor

/// The fields of a submitted form exactly as the browser sent them, in order (a name may come
/// several times), files left out: what a refused form is filled with again.
struct SubmittedForm {
    private(set) var fields: [(name: String, value: String)] = []

    init(fields: [(name: String, value: String)]) { self.fields = fields }

    init(_ request: Request) {
        guard let body = request.body.data else { return }
        let type = request.headers.contentType
        if type?.type == "multipart", let boundary = type?.parameters["boundary"] {
            fields = Self.multipartFields(body, boundary: boundary)
        } else {
            fields = Self.urlEncodedFields(String(buffer: body))
        }
    }

    func values(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    func contains(_ name: String) -> Bool {
        fields.contains { $0.name == name }
    }

    static func urlEncodedFields(_ body: String) -> [(name: String, value: String)] {
        body.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ part: Substring) -> String? {
                part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            guard let name = parts.first.flatMap(decoded), !name.isEmpty else { return nil }
            return (name, parts.count > 1 ? decoded(parts[1]) ?? "" : "")
        }
    }

    static func multipartFields(_ body: ByteBuffer, boundary: String) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        var headers = HTTPHeaders()
        var content = ByteBuffer()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers.add(name: name, value: value) }
        parser.onBody = { chunk in content.writeBuffer(&chunk) }
        parser.onPartComplete = {
            defer { headers = HTTPHeaders(); content = ByteBuffer() }
            guard let disposition = headers.contentDisposition, disposition.filename == nil,
                  let name = disposition.name else { return }
            fields.append((name, String(buffer: content)))
        }
        try? parser.execute(body)
        return fields
    }
}
