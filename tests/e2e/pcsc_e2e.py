#!/usr/bin/python3
"""End-to-end check of the eUICC emulator through real pcscd + vpcd (pyscard).

Phases:
  --phase first          open channel, SELECT ISD-R, GetEID, GetProfilesInfo,
                         Enable / Disable / Enable the profile, close channel
  --phase after-restart  the profile must still be there and enabled after an
                         emulator restart; then disable it to restore

Prints every APDU ("> hex" / "< hex") and ends with "e2e: N passed, N failed";
the exit code is non-zero when anything failed.
"""

import argparse
import sys
import time

from smartcard.Exceptions import CardConnectionException, NoCardException
from smartcard.System import readers

# SGP.22 §2.2.3 (docs/transport.md#identities-and-aids): ISD-R AID
ISD_R_AID = bytes.fromhex("A0000005591010FFFFFFFF8900000100")
DEFAULT_EID = "89049032123451234512345678901235"
BLOCK_SIZE = 10  # small on purpose: forces STORE DATA chaining


class Abort(Exception):
    """A failed step after which the phase cannot go on."""


class Session:
    def __init__(self, connection):
        self.connection = connection
        self.passed = 0
        self.failed = 0

    # ---- bookkeeping -----------------------------------------------------

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            print(f"  ok   {what}")
        else:
            self.failed += 1
            print(f"  FAIL {what}" + (f": {detail}" if detail else ""))
        return ok

    def require(self, ok, what, detail=""):
        if not self.check(ok, what, detail):
            raise Abort(what)

    # ---- transport ---------------------------------------------------------

    def transmit(self, apdu):
        print(f"> {apdu.hex().upper()}")
        data, sw1, sw2 = self.connection.transmit(list(apdu))
        response = bytes(data) + bytes([sw1, sw2])
        print(f"< {response.hex().upper()}")
        return bytes(data), (sw1 << 8) | sw2

    def get_response(self, channel, sw):
        """GET RESPONSE loop while SW1 = 61 (ISO 7816-4 §7.6.1); returns all data and the final SW."""
        collected = b""
        while (sw >> 8) == 0x61:
            data, sw = self.transmit(bytes([cla(0x00, channel), 0xC0, 0x00, 0x00, sw & 0xFF]))
            collected += data
        return collected, sw

    # ---- card functions ------------------------------------------------------

    def open_channel(self):
        data, sw = self.transmit(bytes.fromhex("0070000001"))
        self.require(sw == 0x9000 and len(data) == 1, "MANAGE CHANNEL open answers channel + 9000",
                     f"data={data.hex()} sw={sw:04X}")
        channel = data[0]
        self.require(1 <= channel <= 19, f"channel number {channel} in 1..19")
        return channel

    def close_channel(self, channel):
        _, sw = self.transmit(bytes([0x00, 0x70, 0x80, channel, 0x00]))
        self.check(sw == 0x9000, f"MANAGE CHANNEL close {channel} answers 9000", f"sw={sw:04X}")

    def select_isd_r(self, channel):
        apdu = bytes([cla(0x00, channel), 0xA4, 0x04, 0x00, len(ISD_R_AID)]) + ISD_R_AID
        data, sw = self.transmit(apdu)
        self.require(sw == 0x9000 or (sw >> 8) == 0x61, "SELECT ISD-R answers 9000 or 61xx", f"sw={sw:04X}")
        if (sw >> 8) == 0x61:
            more, sw = self.get_response(channel, sw)
            data += more
            self.require(sw == 0x9000, "GET RESPONSE after SELECT ends with 9000", f"sw={sw:04X}")
        self.require(data[:1] == b"\x6F", "FCI starts with 6F", data.hex())
        fci = dict(parse_tlvs(parse_tlv(data)[1]))
        self.check(fci.get(0x84) == ISD_R_AID, "FCI tag 84 holds the ISD-R AID", data.hex())

    def store_data(self, channel, request, name):
        """ES10 request as chained STORE DATA (docs/transport.md#store-data); returns the response object."""
        blocks = [request[i:i + BLOCK_SIZE] for i in range(0, len(request), BLOCK_SIZE)] or [b""]
        for number, block in enumerate(blocks):
            last = number == len(blocks) - 1
            apdu = bytes([cla(0x80, channel), 0xE2, 0x91 if last else 0x11, number, len(block)]) + block
            data, sw = self.transmit(apdu)
            if not last:
                self.require(sw == 0x9000 and not data, f"{name}: block {number} answers exactly 9000",
                             f"data={data.hex()} sw={sw:04X}")
        self.require((sw >> 8) == 0x61, f"{name}: last block answers 61xx", f"data={data.hex()} sw={sw:04X}")
        response, sw = self.get_response(channel, sw)
        self.require(sw == 0x9000, f"{name}: GET RESPONSE ends with 9000", f"sw={sw:04X}")
        return data + response

    def profiles(self, channel):
        """GetProfilesInfo (SGP.22 §5.7.15) -> {iccid bytes: state}."""
        response = self.store_data(channel, bytes.fromhex("BF2D00"), "GetProfilesInfo")
        tag, value = parse_tlv(response)
        self.require(tag == 0xBF2D, "GetProfilesInfo response tag BF2D", response.hex())
        outer = parse_tlvs(value)
        self.require(len(outer) == 1 and outer[0][0] == 0xA0, "GetProfilesInfo gives a profile list (A0)",
                     response.hex())
        result = {}
        for info_tag, info in parse_tlvs(outer[0][1]):
            if info_tag != 0xE3:
                continue
            fields = dict(parse_tlvs(info))
            if 0x5A in fields:
                state = fields.get(0x9F70, b"")
                result[fields[0x5A]] = state[0] if len(state) == 1 else None
        return result

    def set_profile_state(self, channel, iccid, enable):
        # SGP.22 §5.7.16 / §5.7.17: {A0 {5A iccid}, 81 refreshFlag=false}
        tag = 0xBF31 if enable else 0xBF32
        name = "EnableProfile" if enable else "DisableProfile"
        request = tlv(tag, tlv(0xA0, tlv(0x5A, iccid)) + tlv(0x81, b"\x00"))
        response = self.store_data(channel, request, name)
        expected = tlv(tag, tlv(0x80, b"\x00"))
        self.check(response == expected, f"{name} result ok ({expected.hex().upper()})", response.hex().upper())


# ---- coding helpers ----------------------------------------------------------


def cla(base, channel):
    """ETSI TS 102 221 §10.1.1: channels 0-3 in bits 1-2, channels 4-19 in the 0x40 range."""
    if channel <= 3:
        return base | channel
    return base | 0x40 | (channel - 4)


def encode_iccid(digits):
    """EF.ICCID coding (ETSI TS 102 221 §13.2): BCD, nibble-swapped, F-padded to 10 bytes."""
    digits = digits.upper().ljust(20, "F")
    if len(digits) != 20 or any(c not in "0123456789F" for c in digits):
        raise ValueError(f"bad ICCID {digits!r}")
    return bytes.fromhex("".join(digits[i + 1] + digits[i] for i in range(0, 20, 2)))


def tlv(tag, value):
    tag_bytes = tag.to_bytes(2 if tag > 0xFF else 1, "big")
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n <= 0xFF:
        length = bytes([0x81, n])
    else:
        length = bytes([0x82]) + n.to_bytes(2, "big")
    return tag_bytes + length + value


def parse_tlv(data):
    """One BER-TLV at the start of data -> (tag, value); the rest must be empty."""
    items = parse_tlvs(data)
    if len(items) != 1:
        raise Abort(f"expected one TLV in {data.hex()}")
    return items[0]


def parse_tlvs(data):
    items = []
    i = 0
    while i < len(data):
        tag = data[i]
        i += 1
        if tag & 0x1F == 0x1F:
            while True:
                if i >= len(data):
                    raise Abort(f"truncated tag in {data.hex()}")
                tag = (tag << 8) | data[i]
                i += 1
                if not data[i - 1] & 0x80:
                    break
        if i >= len(data):
            raise Abort(f"missing length in {data.hex()}")
        length = data[i]
        i += 1
        if length & 0x80:
            count = length & 0x7F
            length = int.from_bytes(data[i:i + count], "big")
            i += count
        if i + length > len(data):
            raise Abort(f"truncated value in {data.hex()}")
        items.append((tag, data[i:i + length]))
        i += length
    return items


# ---- phases ------------------------------------------------------------------


def wait_for_card(reader_name, timeout):
    deadline = time.monotonic() + timeout
    last_error = "no reader"
    while time.monotonic() < deadline:
        try:
            for reader in readers():
                if str(reader).startswith(reader_name):
                    connection = reader.createConnection()
                    try:
                        connection.connect()
                        # Right after the emulator restarts, pcscd may still hand out the card that
                        # just went away; a STATUS probe tells a live card from a stale one.
                        connection.transmit([0x80, 0xF2, 0x00, 0x0C])
                        return connection
                    except (NoCardException, CardConnectionException) as error:
                        last_error = f"{reader}: {error}"
                        try:
                            connection.disconnect()
                        except Exception:
                            pass
        except Exception as error:  # pcscd not up yet
            last_error = str(error)
        time.sleep(0.25)
    raise Abort(f"no card in '{reader_name}' within {timeout} s ({last_error})")


def phase_first(s, args, iccid):
    channel = s.open_channel()
    s.select_isd_r(channel)

    # SGP.22 §5.7.20 GetEID with tag list 5A
    eid = bytes.fromhex(args.eid)
    response = s.store_data(channel, bytes.fromhex("BF3E035C015A"), "GetEID")
    s.check(response == bytes.fromhex("BF3E125A10") + eid, "GetEID returns BF3E125A10 + EID", response.hex().upper())

    profiles = s.profiles(channel)
    s.check(iccid in profiles, f"GetProfilesInfo lists ICCID {args.iccid}", str({k.hex(): v for k, v in profiles.items()}))
    s.check(profiles.get(iccid) == 0, "profile state 9F70 = 00 (disabled)", str(profiles.get(iccid)))

    s.set_profile_state(channel, iccid, enable=True)
    s.check(s.profiles(channel).get(iccid) == 1, "after enable: 9F70 = 01")
    s.set_profile_state(channel, iccid, enable=False)
    s.check(s.profiles(channel).get(iccid) == 0, "after disable: 9F70 = 00")
    s.set_profile_state(channel, iccid, enable=True)
    s.check(s.profiles(channel).get(iccid) == 1, "enabled again and left enabled: 9F70 = 01")
    s.close_channel(channel)


def phase_after_restart(s, args, iccid):
    channel = s.open_channel()
    s.select_isd_r(channel)
    profiles = s.profiles(channel)
    s.check(iccid in profiles, f"after restart: ICCID {args.iccid} still listed")
    s.check(profiles.get(iccid) == 1, "after restart: profile still enabled (9F70 = 01)", str(profiles.get(iccid)))
    s.set_profile_state(channel, iccid, enable=False)
    s.check(s.profiles(channel).get(iccid) == 0, "restored: 9F70 = 00")
    s.close_channel(channel)


def phase_listed(s, args, iccid):
    channel = s.open_channel()
    s.select_isd_r(channel)
    state = s.profiles(channel).get(iccid)
    s.check(state == args.expect_state, f"ICCID {args.iccid} listed with 9F70 = {args.expect_state:02X}", str(state))
    s.close_channel(channel)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phase", choices=["first", "after-restart", "listed"], required=True)
    parser.add_argument("--expect-state", type=int, default=0, help="with --phase listed: the expected profile state")
    parser.add_argument("--iccid", required=True, help="ICCID digits of the imported profile")
    parser.add_argument("--eid", default=DEFAULT_EID, help="expected EID (32 digits)")
    parser.add_argument("--reader", default="Virtual PCD 00 00")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for the card")
    args = parser.parse_args()

    iccid = encode_iccid(args.iccid)
    print(f"e2e phase {args.phase}: reader '{args.reader}', ICCID {args.iccid} (EF coding {iccid.hex().upper()})")
    s = Session(None)
    try:
        s.connection = wait_for_card(args.reader, args.timeout)
        s.check(True, "card present in reader")
        print(f"ATR: {bytes(s.connection.getATR()).hex().upper()}")
        if args.phase == "first":
            phase_first(s, args, iccid)
        elif args.phase == "listed":
            phase_listed(s, args, iccid)
        else:
            phase_after_restart(s, args, iccid)
    except Abort as error:
        if s.passed + s.failed == 0 or not str(error):
            s.check(False, "phase aborted", str(error))
        print(f"  phase aborted: {error}")
    except Exception as error:  # any transport error is a failure, not a crash
        s.check(False, "unexpected error", f"{type(error).__name__}: {error}")
    finally:
        if s.connection is not None:
            try:
                s.connection.disconnect()
            except Exception:
                pass
    print(f"e2e: {s.passed} passed, {s.failed} failed")
    return 1 if s.failed or s.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
