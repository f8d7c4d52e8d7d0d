source "qemu" "example" {
  iso_url = "files/tiny.iso" iso_checksum = "none"
}
