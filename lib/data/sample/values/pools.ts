import { faker } from "@faker-js/faker/locale/en";
import { hashSeed } from "./random";

/** Faker's pools: a few hundred first names, titles, cities... made once per run, each from its own seed. */

export type PoolName = keyof typeof POOLS;

const POOLS = {
  firstName: [200, () => faker.person.firstName()],
  lastName: [200, () => faker.person.lastName()],
  username: [200, () => faker.internet.username()],
  domain: [40, () => faker.internet.domainName()],
  word: [200, () => faker.word.sample()],
  noun: [150, () => faker.word.noun()],
  adjective: [100, () => faker.word.adjective()],
  sentence: [120, () => faker.lorem.sentence()],
  title: [120, (i: number) => (i % 2 ? faker.book.title() : faker.company.catchPhrase())],
  bio: [80, () => faker.person.bio()],
  jobTitle: [100, () => faker.person.jobTitle()],
  company: [120, () => faker.company.name()],
  product: [120, () => faker.commerce.productName()],
  department: [40, () => faker.commerce.department()],
  city: [150, () => faker.location.city()],
  country: [120, () => faker.location.country()],
  countryCode: [80, () => faker.location.countryCode()],
  state: [60, () => faker.location.state()],
  street: [200, () => faker.location.streetAddress()],
  zip: [120, () => faker.location.zipCode()],
  phone: [200, () => faker.phone.number()],
  url: [120, () => faker.internet.url()],
  avatar: [100, () => faker.image.avatar()],
  image: [100, () => faker.image.url()],
  slug: [200, () => faker.lorem.slug()],
  color: [40, () => faker.color.human()],
  currency: [60, () => faker.finance.currencyCode()],
  ip: [200, () => faker.internet.ipv4()],
  userAgent: [40, () => faker.internet.userAgent()],
  timeZone: [60, () => faker.location.timeZone()],
  fileName: [100, () => faker.system.fileName()],
  sex: [20, () => faker.person.sex()],
} satisfies Record<string, [number, (i: number) => string]>;

/** Faker's values for one run, each pool filled on first use from its own seed. */
export class Pools {
  private readonly filled = new Map<PoolName, string[]>();
  constructor(private readonly seed: number) {}

  get(name: PoolName): string[] {
    let pool = this.filled.get(name);
    if (!pool) {
      const [size, make] = POOLS[name];
      faker.seed(hashSeed(this.seed, name));
      pool = Array.from({ length: size }, (_, i) => make(i));
      this.filled.set(name, pool);
    }
    return pool;
  }

  /** Letters only, lower case: the parts of an e-mail address or a username. */
  lowerLetters(name: "firstName" | "lastName"): string[] {
    const key = `${name}:lower` as PoolName;
    let pool = this.filled.get(key);
    if (!pool) {
      pool = this.get(name).map((value) => value.toLowerCase().replace(/[^a-z]/g, "") || "sam");
      this.filled.set(key, pool);
    }
    return pool;
  }

  freeEmailDomains(): readonly string[] {
    return faker.definitions.internet.free_email;
  }
}
