using Intercom.Media.Srtp;

namespace Intercom.Media.Tests.Srtp;

public sealed class SrtpTestVectorTests
{
    [Fact]
    public void Derive_Rfc3711AppendixB3_GivesSessionKeys()
    {
        byte[] masterKey = Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE4139");
        byte[] masterSalt = Convert.FromHexString("0EC675AD498AFEEBB6960B3AABE6");
        var cipherKey = new byte[16];
        var salt = new byte[14];
        var authenticationKey = new byte[20];

        SrtpKeyDerivation.Derive(SrtpKeyDerivation.RtpEncryptionLabel, masterKey, masterSalt, cipherKey);
        SrtpKeyDerivation.Derive(SrtpKeyDerivation.RtpSaltLabel, masterKey, masterSalt, salt);
        SrtpKeyDerivation.Derive(SrtpKeyDerivation.RtpAuthenticationLabel, masterKey, masterSalt, authenticationKey);

        Assert.Equal("C61E7A93744F39EE10734AFE3FF7A087", Convert.ToHexString(cipherKey));
        Assert.Equal("30CBBC08863D8C85D49DB34A9AE1", Convert.ToHexString(salt));
        Assert.Equal("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4", Convert.ToHexString(authenticationKey));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Transform_Rfc3711AppendixB2_GivesKeystream(bool allowIntrinsics)
    {
        using var cipher = new AesCounterMode(Convert.FromHexString("2B7E151628AED2A6ABF7158809CF4F3C"), allowIntrinsics);
        byte[] counter = Convert.FromHexString("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
        var keystream = new byte[48];

        cipher.Transform(counter, keystream);

        Assert.Equal(
            "E03EAD0935C95E80E166B16DD92B4EB4" + "D23513162B02D0F72A43A2FE4A5F97AB" + "41E95B3BB0A2E8DD477901E4FCA894C0",
            Convert.ToHexString(keystream));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Transform_LongAndOddLengths_MatchesBlockByBlock(bool allowIntrinsics)
    {
        byte[] key = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");
        using var cipher = new AesCounterMode(key, allowIntrinsics);
        using var reference = System.Security.Cryptography.Aes.Create();
        reference.Key = key;
        byte[] counter = Convert.FromHexString("00112233445566778899AABBCCDD0000");
        foreach (int length in new[] { 1, 15, 16, 17, 63, 64, 65, 160, 1000 })
        {
            var data = new byte[length];
            cipher.Transform(counter, data);
            for (int block = 0; block * 16 < length; block++)
            {
                byte[] counterBlock = (byte[])counter.Clone();
                counterBlock[14] = (byte)(block >> 8);
                counterBlock[15] = (byte)block;
                byte[] expected = reference.EncryptEcb(counterBlock, System.Security.Cryptography.PaddingMode.None);
                int count = Math.Min(16, length - (block * 16));
                Assert.Equal(expected.AsSpan(0, count).ToArray(), data.AsSpan(block * 16, count).ToArray());
            }
        }
    }

    [Fact]
    public void ProtectRtp_Rfc7714Section16_1_1_GivesCiphertextAndTag()
    {
        byte[] key = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");
        byte[] salt = Convert.FromHexString("517569642070726F2071756F");
        using var transform = new AesGcmTransform(key, salt, key, salt);
        byte[] header = Convert.FromHexString("8040F17B8041F8D35501A0B2");
        byte[] payload = "Gallia est omnis divisa in partes tres"u8.ToArray();
        var packet = new byte[header.Length + payload.Length + 16];
        header.CopyTo(packet, 0);
        payload.CopyTo(packet, header.Length);

        int length = transform.ProtectRtp(packet, 12, 12 + payload.Length, 0x5501A0B2, 0, 0xF17B);

        Assert.Equal(packet.Length, length);
        Assert.Equal(
            "8040F17B8041F8D35501A0B2"
            + "F24DE3A3FB34DE6CACBA861C9D7E4BCABE633BD50D294E6F42A5F47A51C7D19B36DE3ADF8833"
            + "899D7F27BEB16A9152CF765EE4390CCE",
            Convert.ToHexString(packet));
    }

    [Fact]
    public void AesGcm128_RandomInputs_MatchesDotNetAesGcmAndRejectsForgery()
    {
        Assert.True(AesGcm128.IsSupported, "this test machine has AES-NI and PCLMULQDQ");
        var random = new Random(11);
        foreach (int length in new[] { 0, 1, 15, 16, 17, 63, 64, 65, 160, 173, 960, 1400 })
        {
            foreach (int associatedLength in new[] { 0, 8, 12, 13, 28, 40 })
            {
                var key = new byte[16];
                var nonce = new byte[12];
                var plaintext = new byte[length];
                var associatedData = new byte[associatedLength];
                random.NextBytes(key);
                random.NextBytes(nonce);
                random.NextBytes(plaintext);
                random.NextBytes(associatedData);
                var expected = new byte[length];
                var expectedTag = new byte[16];
                using (var reference = new System.Security.Cryptography.AesGcm(key, 16))
                {
                    reference.Encrypt(nonce, plaintext, expected, expectedTag, associatedData);
                }

                using var ours = new AesGcm128(key);
                byte[] data = (byte[])plaintext.Clone();
                var tag = new byte[16];
                ours.Encrypt(nonce, data, tag, associatedData);
                Assert.Equal(expected, data);
                Assert.Equal(expectedTag, tag);

                Assert.True(ours.Decrypt(nonce, data, tag, associatedData));
                Assert.Equal(plaintext, data);
                ours.Encrypt(nonce, data, tag, associatedData);
                tag[random.Next(16)] ^= (byte)(1 << random.Next(8));
                Assert.False(ours.Decrypt(nonce, data, tag, associatedData));
                Assert.Equal(expected, data);
            }
        }
    }

    [Fact]
    public void SrtpContext_PortableAndIntrinsicPaths_ProduceTheSamePackets()
    {
        foreach (SrtpCryptoSuite suite in new[] { SrtpCryptoSuite.AesCm128HmacSha1Tag80, SrtpCryptoSuite.AeadAes128Gcm })
        {
            byte[] material = SrtpPackets.MasterKeyAndSalt(SrtpSuiteParameters.MasterSaltLength(suite), 77);
            using var fast = new SrtpContext(suite, material.AsSpan(0, 16), material.AsSpan(16), allowIntrinsics: true);
            using var portable = new SrtpContext(suite, material.AsSpan(0, 16), material.AsSpan(16), allowIntrinsics: false);
            for (ushort sequence = 1; sequence < 20; sequence++)
            {
                byte[] a = SrtpPackets.Rtp(sequence, 5, 100 + sequence, out int length);
                byte[] b = (byte[])a.Clone();
                Assert.Equal(SrtpStatus.Ok, fast.ProtectRtp(a, length, out int lengthA));
                Assert.Equal(SrtpStatus.Ok, portable.ProtectRtp(b, length, out int lengthB));
                Assert.Equal(a.AsSpan(0, lengthA).ToArray(), b.AsSpan(0, lengthB).ToArray());
            }
        }
    }
}
