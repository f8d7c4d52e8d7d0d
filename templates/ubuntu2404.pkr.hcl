# HCL2 twin of templates/ubuntu2404.json: written by `kiln hcl2_upgrade templates/ubuntu2404.json`, then tidied by hand
# (no packer block: Kiln has the qemu builder built in). Same sources, provisioners, post-processors and
# variables; keep the two in step. Relative paths are from the directory kiln runs in, as in the JSON.

variable "disk_size" {
  type    = string
  default = "8G"
}

variable "iso_checksum" {
  type    = string
  default = "file:https://releases.ubuntu.com/24.04.4/SHA256SUMS"
}

variable "iso_url" {
  type    = string
  default = "https://releases.ubuntu.com/24.04.4/ubuntu-24.04.4-live-server-amd64.iso"
}

variable "output_directory" {
  type    = string
  default = "output-ubuntu2404"
}

variable "ssh_password" {
  type      = string
  default   = "kiln-jeos"
  sensitive = true
}

variable "ssh_username" {
  type    = string
  default = "kiln"
}

source "qemu" "ubuntu2404-bios" {
  boot_command       = ["<wait>e<wait><down><down><down><end>", " autoinstall<f10>"]
  boot_wait          = "5s"
  cd_files           = ["http/ubuntu/user-data", "http/ubuntu/meta-data"]
  cd_label           = "cidata"
  cpus               = 2
  disk_compression   = true
  disk_detect_zeroes = "unmap"
  disk_discard       = "unmap"
  disk_interface     = "virtio"
  disk_size          = "${var.disk_size}"
  format             = "qcow2"
  headless           = true
  iso_checksum       = "${var.iso_checksum}"
  iso_url            = "${var.iso_url}"
  memory             = 2048
  net_device         = "virtio-net"
  output_directory   = "${var.output_directory}/bios"
  shutdown_command   = "sudo -n shutdown -P now"
  ssh_password       = "${var.ssh_password}"
  ssh_timeout        = "60m"
  ssh_username       = "${var.ssh_username}"
  vm_name            = "ubuntu2404.qcow2"
}

source "qemu" "ubuntu2404-uefi" {
  boot_command       = ["<wait>e<wait><down><down><down><end>", " autoinstall<f10>"]
  boot_wait          = "5s"
  cd_files           = ["http/ubuntu/user-data", "http/ubuntu/meta-data"]
  cd_label           = "cidata"
  cpus               = 2
  disk_compression   = true
  disk_detect_zeroes = "unmap"
  disk_discard       = "unmap"
  disk_interface     = "virtio"
  disk_size          = "${var.disk_size}"
  efi_boot           = true
  efi_drop_efivars   = true
  format             = "qcow2"
  headless           = true
  iso_checksum       = "${var.iso_checksum}"
  iso_url            = "${var.iso_url}"
  memory             = 2048
  net_device         = "virtio-net"
  output_directory   = "${var.output_directory}/uefi"
  shutdown_command   = "sudo -n shutdown -P now"
  ssh_password       = "${var.ssh_password}"
  ssh_timeout        = "60m"
  ssh_username       = "${var.ssh_username}"
  vm_name            = "ubuntu2404.qcow2"
}

build {
  description = "Ubuntu 24.04 LTS server JeOS: autoinstall from a cloud-init NoCloud seed on a CD labelled cidata (cd_files), the minimal server source with OpenSSH, BIOS (ubuntu2404-bios) and UEFI (ubuntu2404-uefi) builds; a small generic qcow2 and a streamOptimized VMDK."

  sources = ["source.qemu.ubuntu2404-bios", "source.qemu.ubuntu2404-uefi"]

  provisioner "shell" {
    execute_command = "{{ .Vars }} sudo -n -E sh '{{ .Path }}'"
    scripts         = ["provisioners/apt/minimize.sh", "provisioners/shared/generalize.sh"]
  }

  post-processor "convert" {
    keep_input_artifact = true
    format              = "vmdk"
    vmdk_subformat      = "streamOptimized"
  }
}
