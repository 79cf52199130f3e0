// Signs a CreateNetworkInterface request with SigScope, then verifies the signed bytes as a
// server would: the two halves of the library that a tool built on it needs most.
import SigScope
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let draft = """
{"provider": "tencent", "action": "CreateNetworkInterface", "region": "ap-guangzhou",
 "params": {"VpcId": "vpc-0akbol5v", "SubnetId": "subnet-76r802pg", "NetworkInterfaceName": "demo"}}
"""

do {
    let request = try APIRequest.parse(requestFile: Array(draft.utf8), source: "inline request")
    let report = Validator.validate(request)
    print("valid:", report.valid)

    let secret = SecretKey("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE")
    let credentials = Credentials(secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", secretKey: secret)
    let signed = try Signer.sign(request, options: SigningOptions(timestamp: Timestamp(unixSeconds: 1551113065)),
                                 credentials: credentials)
    print("signature:", signed.signature)

    let verified = try Verifier.verify(signed.request, options: VerifyOptions(secretKey: secret))
    print("verified:", verified.match)
    if !verified.match { exit(1) }
} catch {
    print("error:", error)
    exit(2)
}
