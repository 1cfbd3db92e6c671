import CLSStore
import Vapor

/// bcrypt, as Vapor ships it.
struct BcryptHasher: PasswordHashing {
    func hash(_ password: String) throws -> String { try Bcrypt.hash(password) }
    func verify(_ password: String, against hash: String) throws -> Bool { try Bcrypt.verify(password, created: hash) }
}
