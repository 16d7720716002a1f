/*
 * Preloaded (node --require) into a child process to make every remote host unreachable, as on a
 * network without Microsoft's validation service: name lookups fail with ENOTFOUND and connections
 * to anything but loopback are refused. The code under test runs unchanged, network code included.
 */
const dns = require("node:dns");
const net = require("node:net");

const refuse = (host) =>
  Object.assign(new Error(`getaddrinfo ENOTFOUND ${host} (network disabled for this test)`), {
    code: "ENOTFOUND",
    hostname: host,
  });

const lookup = dns.lookup;
dns.lookup = function (host, options, callback) {
  const done = typeof options === "function" ? options : callback;
  if (host === "localhost" || net.isIP(host)) return lookup.apply(this, arguments);
  process.nextTick(() => done(refuse(host)));
  return {};
};
const lookupPromise = dns.promises.lookup;
dns.promises.lookup = async (host, options) => {
  if (host === "localhost" || net.isIP(host)) return lookupPromise(host, options);
  throw refuse(host);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = typeof args[0] === "object" && args[0] !== null ? args[0] : { host: args[1] };
  const host = options.host ?? "localhost";
  if (!options.path && host !== "localhost" && !(net.isIP(host) && /^(127\.|::1$)/.test(host))) {
    process.nextTick(() => this.destroy(refuse(host)));
    return this;
  }
  return connect.apply(this, args);
};
