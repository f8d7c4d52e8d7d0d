source "qemu" "example" {
  iso_url      = "files/tiny.iso"
  iso_checksum = "none"
  ssh_username = "root"
}

build {
  sources = ["source.qemu.exmple"]
}
