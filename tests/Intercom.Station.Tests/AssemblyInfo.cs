// The service and its tests run on Linux (the Pi, CI, a Debian laptop).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
