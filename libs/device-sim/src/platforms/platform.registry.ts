import { AristaEosProfile } from './cisco/arista-eos.profile';
import { CiscoIosProfile } from './cisco/cisco-ios.profile';
import { CiscoNxosProfile } from './cisco/cisco-nxos.profile';
import { CiscoXrProfile } from './cisco/cisco-xr.profile';
import { GenericProfile } from './cisco/generic.profile';
import { JuniperJunosProfile } from './junos/juniper-junos.profile';
import { LinuxProfile } from './linux/linux.profile';
import { NokiaSrosProfile } from './nokia/nokia-sros.profile';
import type { PlatformProfile } from './platform.profile';
import { HpComwareProfile } from './vrp/hp-comware.profile';
import { HuaweiProfile } from './vrp/huawei.profile';

/** Every simulated platform. Adding one is adding its profile file and a line here. */
const PROFILES: ReadonlyArray<new () => PlatformProfile> = [
  AristaEosProfile,
  CiscoIosProfile,
  CiscoNxosProfile,
  CiscoXrProfile,
  GenericProfile,
  HpComwareProfile,
  HuaweiProfile,
  JuniperJunosProfile,
  LinuxProfile,
  NokiaSrosProfile,
];

/** Profiles by name, built once; a duplicate name is a startup error. */
export class PlatformRegistry {
  private static instance: PlatformRegistry | undefined;
  private readonly byName = new Map<string, PlatformProfile>();

  constructor(profiles: ReadonlyArray<new () => PlatformProfile> = PROFILES) {
    for (const Profile of profiles) {
      const profile = new Profile();
      if (this.byName.has(profile.name)) throw new Error(`Duplicate platform profile '${profile.name}'`);
      this.byName.set(profile.name, profile);
    }
  }

  static shared(): PlatformRegistry {
    PlatformRegistry.instance ??= new PlatformRegistry();
    return PlatformRegistry.instance;
  }

  get names(): string[] {
    return [...this.byName.keys()].sort();
  }

  get(name: string): PlatformProfile {
    const profile = this.byName.get(name);
    if (!profile) throw new Error(`platform '${name}' is unknown; known platforms: ${this.names.join(', ')}`);
    return profile;
  }
}
