/// Hashes and checks passwords. The web layer provides bcrypt; the store never sees a clear
/// password except to hash it.
public protocol PasswordHashing: Sendable {
    func hash(_ password: String) throws -> String
    func verify(_ password: String, against hash: String) throws -> Bool
}
