import NIOCore

extension SocketAddress {
    /// The IP address as text, as `ipAddress` gives it. An IPv4 address (every request's peer, on the default
    /// listener) is written here: `ipAddress` formats it with `inet_ntop`, through `sprintf`, for about 1 % of a cached
    /// read's CPU.
    var ipText: String? {
        guard case .v4(let address) = self else { return ipAddress }
        return withUnsafeBytes(of: address.address.sin_addr.s_addr) { octets in  // in network order: a.b.c.d
            String(unsafeUninitializedCapacity: 15) { text in
                var count = 0
                for (index, octet) in octets.enumerated() {
                    if index > 0 { text[count] = UInt8(ascii: "."); count += 1 }
                    if octet >= 100 { text[count] = UInt8(ascii: "0") + octet / 100; count += 1 }
                    if octet >= 10 { text[count] = UInt8(ascii: "0") + octet / 10 % 10; count += 1 }
                    text[count] = UInt8(ascii: "0") + octet % 10
                    count += 1
                }
                return count
            }
        }
    }
}
