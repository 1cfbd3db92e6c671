import CLSCore
import CLSStore
import Foundation
import NIOCore
import Fluent
import Vapor
import XCTest
import XCTVapor
@testable import CLSWeb

/// A configured application on a fresh database: a temporary SQLite file, or the PostgreSQL
/// database named by `CLS_TEST_DATABASE_URL` (emptied first). The demo data is loaded.
enum TestApp {
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["CLS_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `logQueries`: the drivers log every SQL statement at the debug level (see `QueryCounting`).
    /// `sqliteOnly`: a SQLite file even when PostgreSQL is given (to compare the two engines).
    static func run(loadDemo: Bool = true, logQueries: Bool = false, sqliteOnly: Bool = false,
                    _ body: (Application, TestDirectory) async throws -> Void) async throws {
        let directory = try TestDirectory()
        let storage: StorageConfiguration = (sqliteOnly ? nil : postgresURL).map { .postgres(url: $0) }
            ?? .sqlite(path: directory.path("cls-pilot.sqlite"))
        let app = try await Application.make(.testing)
        do {
            try configure(app, storage: storage)
            if logQueries { try storage.register(on: app.databases, logQueries: true) }
            if case .postgres = storage { try await app.autoRevert() }
            try await prepareDatabase(app)
            if loadDemo { try await DemoDataset.loadIfEmpty(on: app.db, hasher: BcryptHasher()) }
            try await body(app, directory)
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// The id of a demo contract by name.
    static func contract(named name: String, on app: Application) async throws -> Contract {
        let contract = try await Contract.query(on: app.db).filter(\.$name == name).first()
        return try XCTUnwrap(contract, "demo contract \(name) missing")
    }
}

/// A temporary folder removed at the end of the test.
final class TestDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cls-pilot-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A browser-like client: keeps the session cookie and the CSRF token of the last page.
final class WebClient {
    let app: Application
    var cookie: String?
    var csrf: String?
    /// Sent with every request (e.g. `X-Forwarded-For`, to act from another address).
    var defaultHeaders = HTTPHeaders()

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> XCTHTTPResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a form; the CSRF token of the session is added unless `csrf` is given explicitly.
    @discardableResult
    func post(_ path: String, _ form: [(String, String)], csrf explicit: String?? = .none) async throws -> XCTHTTPResponse {
        var fields = form
        switch explicit {
        case .none: if let csrf { fields.append(("_csrf", csrf)) }
        case .some(.some(let token)): fields.append(("_csrf", token))
        case .some(.none): break
        }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?) async throws -> XCTHTTPResponse {
        var headers = headers
        for (name, value) in defaultHeaders where !headers.contains(name: name) { headers.add(name: name, value: value) }
        if let cookie { headers.replaceOrAdd(name: .cookie, value: cookie) }
        let response = try await app.testable().sendRequest(method, "/", headers: headers, body: body) { (request: inout XCTHTTPRequest) async in
            request.url = URI(string: path)
        }
        if let setCookie = response.headers.first(name: .setCookie), let value = setCookie.split(separator: ";").first {
            cookie = String(value)
        }
        if let token = Self.csrfToken(in: response.body.string) { csrf = token }
        return response
    }

    /// Posts a file as multipart/form-data, as an upload form does, with the session's CSRF token.
    @discardableResult
    func upload(_ path: String, field: String = "file", filename: String, data: Data) async throws -> XCTHTTPResponse {
        let boundary = "----cls-pilot-\(UUID().uuidString)"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf ?? "")\r\n")
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\n")
        body.writeString("Content-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(data)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: body)
    }

    /// Confirms a previewed plan import and waits until its background run has finished;
    /// returns the final page of the import (its outcome).
    @discardableResult
    func confirmPlanImport(_ confirmPath: String, fields: [(String, String)] = [], file: StaticString = #filePath,
                           line: UInt = #line) async throws -> String {
        let confirmed = try await post(confirmPath, fields)
        XCTAssertEqual(confirmed.status, .seeOther, file: file, line: line)
        let location = try XCTUnwrap(confirmed.headers.first(name: .location), file: file, line: line)
        for _ in 0..<400 {
            let status = try await get(location + "/etat")
            guard status.status == .ok else { break }
            if !status.body.string.contains("\"running\"") { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        return try await get(location).body.string
    }

    /// Signs in with the demo password.
    /// A multipart form with text fields and several files, as a browser sends it.
    func uploadForm(_ path: String, fields: [(String, String)], files: [(field: String, filename: String, data: Data)]) async throws -> XCTHTTPResponse {
        let boundary = "----cls-pilot-\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in [("_csrf", csrf ?? "")] + fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\n")
            body.writeString("Content-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(file.data)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: body)
    }

    func login(_ email: String, password: String = DemoDataset.password) async throws {
        try await get("/connexion")
        let response = try await post("/connexion", [("email", email), ("password", password)])
        XCTAssertEqual(response.status, .seeOther, "login of \(email) failed: \(response.body.string.prefix(300))")
        // Login starts a new session: follow the redirection, as a browser does, to get its token.
        try await get(response.headers.first(name: .location) ?? "/")
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
