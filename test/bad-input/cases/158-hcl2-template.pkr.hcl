source "qemu" "example" {
  iso_url      = "files/tiny.iso"
  iso_checksum = "none"
  ssh_usernme  = "root"
}

build {
  sources = ["source.qemu.example"]
}
